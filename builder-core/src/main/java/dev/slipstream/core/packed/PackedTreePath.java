package dev.slipstream.core.packed;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A path in a {@link PackedTreeFileSystem}: '/'-separated names, absolute when it starts with '/'. */
final class PackedTreePath implements Path {

    private final PackedTreeFileSystem fs;
    private final boolean absolute;
    private final String[] names;
    /**
     * The text and the index key, made once: a build sorts, compares and looks up thousands of
     * these paths many times (a path is immutable, so a race only makes the same string twice).
     */
    private String text;
    private String key;

    PackedTreePath(PackedTreeFileSystem fs, boolean absolute, String[] names) {
        this.fs = fs;
        this.absolute = absolute;
        this.names = names;
    }

    static PackedTreePath parse(PackedTreeFileSystem fs, String text) {
        if (text.indexOf('\0') >= 0) {
            throw new java.nio.file.InvalidPathException(text, "NUL character");
        }
        List<String> parts = new ArrayList<>();
        for (String s : text.split("/")) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return new PackedTreePath(fs, text.startsWith("/"), parts.toArray(new String[0]));
    }

    /** The canonical relative name of this (absolute, normalized) path in the index; "" for the root. */
    String key() {
        String k = key;
        if (k == null) {
            PackedTreePath n = absolute && isNormal() ? this : (PackedTreePath) toAbsolutePath().normalize();
            k = String.join("/", n.names);
            key = k;
        }
        return k;
    }

    private boolean isNormal() {
        for (String n : names) {
            if (n.equals(".") || n.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static PackedTreePath check(Path p) {
        if (!(p instanceof PackedTreePath t)) {
            throw new ProviderMismatchException("not a path of a packed tree: " + p);
        }
        return t;
    }

    @Override
    public PackedTreeFileSystem getFileSystem() {
        return fs;
    }

    @Override
    public boolean isAbsolute() {
        return absolute;
    }

    @Override
    public Path getRoot() {
        return absolute ? fs.root() : null;
    }

    @Override
    public Path getFileName() {
        return names.length == 0 ? null : new PackedTreePath(fs, false, new String[] {names[names.length - 1]});
    }

    @Override
    public Path getParent() {
        if (names.length == 0 || (names.length == 1 && !absolute)) {
            return null;
        }
        return new PackedTreePath(fs, absolute, Arrays.copyOf(names, names.length - 1));
    }

    @Override
    public int getNameCount() {
        return names.length;
    }

    @Override
    public Path getName(int index) {
        if (index < 0 || index >= names.length) {
            throw new IllegalArgumentException("no name " + index + " in " + this);
        }
        return new PackedTreePath(fs, false, new String[] {names[index]});
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        if (beginIndex < 0 || endIndex > names.length || beginIndex >= endIndex) {
            throw new IllegalArgumentException("no subpath " + beginIndex + ".." + endIndex + " in " + this);
        }
        return new PackedTreePath(fs, false, Arrays.copyOfRange(names, beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        if (!(other instanceof PackedTreePath o) || o.fs != fs || o.absolute != absolute || o.names.length > names.length) {
            return false;
        }
        for (int i = 0; i < o.names.length; i++) {
            if (!o.names[i].equals(names[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean endsWith(Path other) {
        if (!(other instanceof PackedTreePath o) || o.fs != fs || o.names.length > names.length
                || (o.absolute && (!absolute || o.names.length != names.length))) {
            return false;
        }
        for (int i = 1; i <= o.names.length; i++) {
            if (!o.names[o.names.length - i].equals(names[names.length - i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Path normalize() {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                    continue;
                }
                if (absolute) {
                    continue; // "/.." is "/"
                }
            }
            out.add(n);
        }
        return new PackedTreePath(fs, absolute, out.toArray(new String[0]));
    }

    @Override
    public Path resolve(Path other) {
        PackedTreePath o = check(other);
        if (o.absolute) {
            return o;
        }
        if (o.names.length == 0) {
            return this;
        }
        String[] joined = Arrays.copyOf(names, names.length + o.names.length);
        System.arraycopy(o.names, 0, joined, names.length, o.names.length);
        return new PackedTreePath(fs, absolute, joined);
    }

    @Override
    public Path relativize(Path other) {
        PackedTreePath o = check(other);
        if (o.absolute != absolute) {
            throw new IllegalArgumentException("cannot relativize " + other + " against " + this);
        }
        int common = 0;
        while (common < names.length && common < o.names.length && names[common].equals(o.names[common])) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < names.length; i++) {
            out.add("..");
        }
        out.addAll(Arrays.asList(o.names).subList(common, o.names.length));
        return new PackedTreePath(fs, false, out.toArray(new String[0]));
    }

    @Override
    public URI toUri() {
        try {
            return new URI(PackedTreeFileSystemProvider.SCHEME, fs.file().toUri() + "!" + toAbsolutePath(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Path toAbsolutePath() {
        return absolute ? this : fs.root().resolve(this);
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        Path real = toAbsolutePath().normalize();
        if (fs.index().node(((PackedTreePath) real).key()) == null) {
            throw new NoSuchFileException(toString());
        }
        return real;
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("a packed tree cannot be watched");
    }

    @Override
    public int compareTo(Path other) {
        return toString().compareTo(check(other).toString());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedTreePath p && p.fs == fs && p.absolute == absolute && Arrays.equals(p.names, names);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(fs) * 31 + Arrays.hashCode(names) + (absolute ? 1 : 0);
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = (absolute ? "/" : "") + String.join("/", names);
            text = t;
        }
        return t;
    }
}
