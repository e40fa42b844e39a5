package dev.slipstream.core.iso;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The staged content of a medium: media paths ({@code I386/SETUPLDR.BIN}, '/'-separated, no
 * leading slash) mapped to where their bytes come from, plus directories (parents are implied;
 * list a directory only to keep it when empty). The names are the long names; the writer derives
 * the ISO-9660 and Joliet names from them.
 */
public final class IsoTree {

    private final NavigableMap<String, ContentSource> files = new TreeMap<>();
    private final NavigableSet<String> directories = new TreeSet<>();

    /** Adds (or replaces) a file. */
    public IsoTree add(String mediaPath, ContentSource content) {
        String p = normalize(mediaPath);
        if (directories.contains(p)) {
            throw new IllegalArgumentException("'" + p + "' is already a directory in the tree");
        }
        checkParentsAreNotFiles(p);
        if (!files.subMap(p + "/", p + "0").isEmpty()) {
            throw new IllegalArgumentException("'" + p + "' is already a directory in the tree");
        }
        files.put(p, content);
        return this;
    }

    public IsoTree addDirectory(String mediaPath) {
        String p = normalize(mediaPath);
        if (files.containsKey(p)) {
            throw new IllegalArgumentException("'" + p + "' is already a file in the tree");
        }
        checkParentsAreNotFiles(p);
        directories.add(p);
        return this;
    }

    public ContentSource remove(String mediaPath) {
        return files.remove(normalize(mediaPath));
    }

    public ContentSource get(String mediaPath) {
        return files.get(normalize(mediaPath));
    }

    /** Files in sorted path order. */
    public NavigableMap<String, ContentSource> files() {
        return Collections.unmodifiableNavigableMap(files);
    }

    /** The directories listed explicitly (parents of files are implied). */
    public NavigableSet<String> directories() {
        return Collections.unmodifiableNavigableSet(directories);
    }

    private void checkParentsAreNotFiles(String p) {
        for (int i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
            if (files.containsKey(p.substring(0, i))) {
                throw new IllegalArgumentException("'" + p.substring(0, i) + "' is a file, so '" + p + "' cannot be below it");
            }
        }
    }

    /** Checks and normalizes a media path: '/' or '\' separated, no empty, "." or ".." components. */
    public static String normalize(String mediaPath) {
        String p = mediaPath.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty media path: '" + mediaPath + "'");
        }
        for (String c : p.split("/", -1)) {
            if (c.isEmpty() || c.equals(".") || c.equals("..") || c.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("invalid media path '" + mediaPath
                        + "': empty, '.' and '..' components and NUL characters are not allowed");
            }
        }
        return p;
    }

    /**
     * The tree of a directory on disk: every regular file and every directory, including empty
     * ones. A symbolic link to a file is followed only when its target lies inside the tree (a
     * duplicate the writer then stores once); a link that leads out of the tree is an error, so a
     * hostile or careless tree cannot pull other files of the machine into the image.
     */
    public static IsoTree fromDirectory(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NotDirectoryException(root.toString());
        }
        Path realRoot = root.toRealPath();
        IsoTree tree = new IsoTree();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    tree.addDirectory(mediaPath(root, dir));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isSymbolicLink()) {
                    requireInside(realRoot, file);
                }
                if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file))) {
                    tree.add(mediaPath(root, file), ContentSource.ofFile(file));
                    return FileVisitResult.CONTINUE;
                }
                throw new IOException(file + ": not a regular file or directory; an ISO image can hold only those");
            }
        });
        return tree;
    }

    private static void requireInside(Path realRoot, Path link) throws IOException {
        Path target;
        try {
            target = link.toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            throw dev.slipstream.core.error.BadInputException.in(link.toString())
                    .hint("remove the link or restore its target")
                    .problem("a symbolic link to %s, which does not exist", Files.readSymbolicLink(link));
        }
        if (!target.startsWith(realRoot)) {
            throw dev.slipstream.core.error.BadInputException.in(link.toString())
                    .hint("copy the file into the tree, or point the link inside it")
                    .problem("a symbolic link to %s, outside the source tree %s; links are never followed out of the tree",
                            target, realRoot);
        }
    }

    /**
     * The tree of an existing image, without extracting it: every directory and regular file of
     * the reader's default namespace (Joliet on a Windows CD), each file a region of the image.
     * Symbolic links are left out. The reader must stay open until the new image is written.
     */
    public static IsoTree fromImage(IsoImageReader reader) throws IOException {
        IsoTree tree = new IsoTree();
        for (IsoEntry e : reader.entries()) {
            if (e.directory()) {
                tree.addDirectory(e.path());
            } else if (e.isRegularFile()) {
                tree.add(e.path(), reader.content(e));
            }
        }
        return tree;
    }

    private static String mediaPath(Path root, Path p) {
        StringBuilder sb = new StringBuilder();
        for (Path c : root.relativize(p)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
