package dev.slipstream.core.packed;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provider behind {@link PackedTreeFileSystem}. Not installed (no {@code ServiceLoader}
 * entry): packed trees are opened by the engine with {@link PackedTreeFileSystem#open(Path)},
 * never by URI. Everything that would write is refused with {@link ReadOnlyFileSystemException}.
 */
final class PackedTreeFileSystemProvider extends FileSystemProvider {

    static final String SCHEME = "slipstream-packed";
    static final PackedTreeFileSystemProvider INSTANCE = new PackedTreeFileSystemProvider();

    private PackedTreeFileSystemProvider() {
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("open a packed tree with PackedTreeFileSystem.open");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("open a packed tree with PackedTreeFileSystem.open");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("open a packed tree with PackedTreeFileSystem.open");
    }

    private static PackedTreePath check(Path p) {
        if (!(p instanceof PackedTreePath t)) {
            throw new ProviderMismatchException("not a path of a packed tree: " + p);
        }
        return t;
    }

    private static PackedTreeIndex.Node node(Path p) throws NoSuchFileException {
        PackedTreePath t = check(p);
        PackedTreeIndex.Node n = t.getFileSystem().index().node(t.key());
        if (n == null) {
            throw new NoSuchFileException(p.toString(), null, "not in " + t.getFileSystem().file());
        }
        return n;
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        return newFileChannel(path, options, attrs);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        for (OpenOption o : options) {
            if (o == StandardOpenOption.READ || o == LinkOption.NOFOLLOW_LINKS || o == StandardOpenOption.SPARSE) {
                continue;
            }
            if (o instanceof StandardOpenOption) {
                throw new ReadOnlyFileSystemException();
            }
            throw new UnsupportedOperationException("a packed tree does not support the open option " + o);
        }
        if (attrs.length > 0) {
            throw new ReadOnlyFileSystemException();
        }
        PackedTreeIndex.Node n = node(path);
        if (n.folder) {
            throw new FileSystemException(path.toString(), null, "is a folder");
        }
        Path file = check(path).getFileSystem().file();
        return new RegionFileChannel(FileChannel.open(file, StandardOpenOption.READ), n.offset, n.size);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        PackedTreeIndex.Node n = node(dir);
        if (!n.folder) {
            throw new NotDirectoryException(dir.toString());
        }
        List<Path> entries = new ArrayList<>(n.children.size());
        for (String name : n.children) {
            Path p = dir.resolve(name);
            if (filter == null || filter.accept(p)) {
                entries.add(p);
            }
        }
        return new DirectoryStream<>() {
            private boolean iterated;

            @Override
            public Iterator<Path> iterator() {
                if (iterated) {
                    throw new IllegalStateException("a directory stream is iterated once");
                }
                iterated = true;
                return entries.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void delete(Path path) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) {
        throw new ReadOnlyFileSystemException();
    }

    @Override
    public boolean isSameFile(Path path, Path path2) throws IOException {
        if (path.equals(path2)) {
            return true;
        }
        if (!(path2 instanceof PackedTreePath)) {
            return false;
        }
        return check(path).getFileSystem() == check(path2).getFileSystem()
                && check(path).key().equals(check(path2).key());
    }

    @Override
    public boolean isHidden(Path path) {
        return false;
    }

    @Override
    public FileStore getFileStore(Path path) {
        throw new UnsupportedOperationException("a packed tree has no file store of its own");
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        node(path);
        for (AccessMode m : modes) {
            if (m != AccessMode.READ) {
                throw new AccessDeniedException(path.toString(), null, "a packed tree is read-only");
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        if (type != BasicFileAttributeView.class) {
            return null;
        }
        return (V) new BasicFileAttributeView() {
            @Override
            public String name() {
                return "basic";
            }

            @Override
            public BasicFileAttributes readAttributes() throws IOException {
                return attributes(path);
            }

            @Override
            public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) {
                throw new ReadOnlyFileSystemException();
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options) throws IOException {
        if (type != BasicFileAttributes.class) {
            throw new UnsupportedOperationException("a packed tree has only basic attributes, not " + type.getSimpleName());
        }
        return (A) attributes(path);
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        PackedTreeIndex.Node n = node(path);
        FileTime time = check(path).getFileSystem().index().modified();
        return new BasicFileAttributes() {
            @Override
            public FileTime lastModifiedTime() {
                return time;
            }

            @Override
            public FileTime lastAccessTime() {
                return time;
            }

            @Override
            public FileTime creationTime() {
                return time;
            }

            @Override
            public boolean isRegularFile() {
                return !n.folder;
            }

            @Override
            public boolean isDirectory() {
                return n.folder;
            }

            @Override
            public boolean isSymbolicLink() {
                return false;
            }

            @Override
            public boolean isOther() {
                return false;
            }

            @Override
            public long size() {
                return n.size;
            }

            @Override
            public Object fileKey() {
                return null;
            }
        };
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        String names = attributes;
        int colon = attributes.indexOf(':');
        if (colon >= 0) {
            if (!attributes.substring(0, colon).equals("basic")) {
                throw new UnsupportedOperationException("a packed tree has only basic attributes, not " + attributes);
            }
            names = attributes.substring(colon + 1);
        }
        BasicFileAttributes a = attributes(path);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("lastModifiedTime", a.lastModifiedTime());
        all.put("lastAccessTime", a.lastAccessTime());
        all.put("creationTime", a.creationTime());
        all.put("size", a.size());
        all.put("isRegularFile", a.isRegularFile());
        all.put("isDirectory", a.isDirectory());
        all.put("isSymbolicLink", a.isSymbolicLink());
        all.put("isOther", a.isOther());
        all.put("fileKey", a.fileKey());
        if (names.equals("*")) {
            return all;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : names.split(",")) {
            if (!all.containsKey(n)) {
                throw new IllegalArgumentException("no attribute '" + n + "' in a packed tree");
            }
            out.put(n, all.get(n));
        }
        return out;
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) {
        throw new ReadOnlyFileSystemException();
    }
}
