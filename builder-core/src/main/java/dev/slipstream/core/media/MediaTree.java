package dev.slipstream.core.media;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An install tree on disk, looked up the way Windows does: case-insensitively. Paths are given
 * relative to the root with {@code /} separators ({@code I386/NTDLL.DL_}). Files whose names
 * differ only in case are kept apart and reported by {@link #caseDuplicates()}.
 */
public final class MediaTree {

    /** More entries than this is not install media (2003 CDs hold about 6,000 files). */
    static final int MAX_ENTRIES = 1_000_000;

    private final Path root;
    private final Map<String, List<String>> byLowerPath = new TreeMap<>();
    private final Map<String, List<String>> filesByFolder = new LinkedHashMap<>();
    /** The folders, as spelled on disk: a lookup then needs no stat of the file system. */
    private final java.util.Set<String> folders = new java.util.HashSet<>();

    /** Where each file's bytes are when they are not at {@code root/relPath} (a tree assembled from several places). */
    private final Map<String, Path> locations = new java.util.HashMap<>();

    private MediaTree(Path root) {
        this.root = root;
    }

    /**
     * A tree whose files lie in several places: {@code files} maps each relative path (as spelled,
     * {@code /} separators) to the file holding its bytes. Folders are those the paths imply. The
     * build checks its staged tree this way without laying it out on disk first; {@code root} only
     * names the tree in reports.
     */
    public static MediaTree of(Path root, Map<String, Path> files) throws IOException {
        if (files.size() > MAX_ENTRIES) {
            throw new IOException(root + ": more than " + MAX_ENTRIES + " entries: this is not an install tree");
        }
        MediaTree t = new MediaTree(root);
        java.util.Set<String> folders = new java.util.TreeSet<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            String rel = normalize(e.getKey());
            for (int i = rel.indexOf('/'); i >= 0; i = rel.indexOf('/', i + 1)) {
                folders.add(rel.substring(0, i));
            }
            t.add(rel, false);
            t.locations.put(rel, e.getValue());
        }
        for (String f : folders) {
            t.add(f, true);
        }
        return t;
    }

    /** Lists the tree under {@code root} (symbolic links are not followed). */
    public static MediaTree scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NotDirectoryException(root.toString());
        }
        MediaTree t = new MediaTree(root);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            int count;

            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (++count > MAX_ENTRIES) {
                    throw new IOException(root + ": more than " + MAX_ENTRIES + " entries: this is not an install tree");
                }
                if (!dir.equals(root)) {
                    t.add(rel(root, dir), true);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (++count > MAX_ENTRIES) {
                    throw new IOException(root + ": more than " + MAX_ENTRIES + " entries: this is not an install tree");
                }
                if (attrs.isRegularFile()) {
                    t.add(rel(root, file), false);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return t;
    }

    private static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private void add(String relPath, boolean directory) {
        byLowerPath.computeIfAbsent(relPath.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(relPath);
        if (directory) {
            folders.add(relPath);
        } else {
            int slash = relPath.lastIndexOf('/');
            String folder = slash < 0 ? "" : relPath.substring(0, slash);
            filesByFolder.computeIfAbsent(folder.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(relPath);
        }
    }

    public Path root() {
        return root;
    }

    /** The path as it exists on disk for a case-insensitive relative path, if it exists. */
    public Optional<String> find(String relPath) {
        List<String> l = byLowerPath.get(normalize(relPath).toLowerCase(Locale.ROOT));
        return l == null ? Optional.empty() : Optional.of(l.get(0));
    }

    /** A file (not a folder) in a folder, case-insensitively. */
    public Optional<String> findFile(String folder, String name) {
        String f = normalize(folder);
        Optional<String> p = find(f.isEmpty() ? name : f + "/" + name);
        return p.filter(x -> !folders.contains(x));
    }

    public boolean isFolder(String relPath) {
        return find(relPath).map(folders::contains).orElse(false);
    }

    /** The files directly in a folder (relative paths as on disk), in name order. */
    public List<String> filesIn(String folder) {
        List<String> l = new ArrayList<>(filesByFolder.getOrDefault(normalize(folder).toLowerCase(Locale.ROOT), List.of()));
        Collections.sort(l);
        return l;
    }

    /** The names of the folders directly under the root. */
    public List<String> topFolders() {
        List<String> out = new ArrayList<>();
        for (List<String> l : byLowerPath.values()) {
            for (String p : l) {
                if (p.indexOf('/') < 0 && folders.contains(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Groups of paths that differ only in letter case: setup and ISO-9660 see them as one. */
    public List<List<String>> caseDuplicates() {
        List<List<String>> out = new ArrayList<>();
        for (List<String> l : byLowerPath.values()) {
            if (l.size() > 1) {
                out.add(List.copyOf(l));
            }
        }
        return out;
    }

    public Path resolve(String relPath) {
        Path at = locations.isEmpty() ? null : locations.get(relPath);
        return at != null ? at : root.resolve(relPath);
    }

    /** {@code \i386\svcpack} or {@code i386/svcpack/} to {@code i386/svcpack}. */
    public static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /**
     * The name of a file's compressed copy, as makecab names it: the last character of the
     * extension becomes {@code _} ({@code ntdll.dll} to {@code ntdll.dl_}, {@code a.x} to
     * {@code a.x_}, {@code readme} to {@code readme._}).
     */
    public static String compressedName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return name + "._";
        }
        String ext = name.substring(dot + 1);
        if (ext.length() < 3) {
            return name + "_";
        }
        return name.substring(0, name.length() - 1) + "_";
    }

    /** True for a compressed copy's name ({@code *.??_}, {@code *._}). */
    public static boolean isCompressedName(String name) {
        return name.endsWith("_") && name.lastIndexOf('.') >= 0 && name.lastIndexOf('.') >= name.length() - 4;
    }
}
