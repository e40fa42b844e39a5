package dev.slipstream.core.engine;

import java.util.Locale;

/**
 * A file's path on the install media as Windows setup sees it: case-insensitive
 * ({@code i386\ntdll.dll} and {@code I386/NTDLL.DLL} are the same file), with the spelling of
 * the first writer kept for display and for the names written to the ISO.
 *
 * <p>Paths are relative to the media root, use {@code /} internally, and never contain
 * {@code .} or {@code ..} segments: a package cannot name a file outside the media.
 */
public final class MediaPath implements Comparable<MediaPath> {

    private final String path;
    private final String key;

    private MediaPath(String path) {
        this.path = path;
        this.key = path.toUpperCase(Locale.ROOT);
    }

    /**
     * Parses {@code I386\NTDLL.DL_}, {@code /i386/ntdll.dl_} and similar.
     *
     * @throws IllegalArgumentException for an empty path or one with empty, "." or ".." segments
     */
    public static MediaPath of(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("empty media path");
        }
        for (String seg : p.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                throw new IllegalArgumentException("not a media path: '" + path + "' (empty, '.' or '..' segment)");
            }
        }
        return new MediaPath(p);
    }

    public static MediaPath of(String folder, String name) {
        return of(folder + "/" + name);
    }

    /** The path as first spelled, with {@code /} separators. */
    public String path() {
        return path;
    }

    /** The case-folded form used for comparison. */
    public String key() {
        return key;
    }

    public String fileName() {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }

    /** The folder holding this file, or "" at the root. */
    public String folder() {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i);
    }

    /** The case-folded form of {@link #folder()}, as {@link #key()} folds the whole path. */
    public String folderKey() {
        int i = key.lastIndexOf('/');
        return i < 0 ? "" : key.substring(0, i);
    }

    /** {@code folder} ({@code \} or {@code /} separators) in the case-folded form of {@link #folderKey()}. */
    public static String folderKey(String folder) {
        return folder.replace('\\', '/').toUpperCase(Locale.ROOT);
    }

    /** True when this file lies directly in {@code folder} (compared case-insensitively, as keys compare). */
    public boolean isIn(String folder) {
        return folderKey().equals(folderKey(folder));
    }

    public MediaPath sibling(String name) {
        String f = folder();
        return of(f.isEmpty() ? name : f + "/" + name);
    }

    /** As Windows writes it: {@code I386\NTDLL.DLL}. */
    public String toWindows() {
        return path.replace('/', '\\');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaPath m && m.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public int compareTo(MediaPath o) {
        return key.compareTo(o.key);
    }

    @Override
    public String toString() {
        return path;
    }
}
