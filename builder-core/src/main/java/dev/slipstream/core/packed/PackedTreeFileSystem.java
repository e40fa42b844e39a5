package dev.slipstream.core.packed;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Set;

/**
 * A packed tree seen as a read-only file system, so that the engine reads an extracted package
 * through the same {@code Files} and {@code FileChannel} calls whether it sits in one file or in a
 * folder. It holds no open file: every channel opens the pack file for itself (an open costs
 * microseconds; creating a file costs a millisecond), so channels are independent, and an
 * interrupted reader cannot close another's channel. Closing it only marks it closed.
 */
public final class PackedTreeFileSystem extends FileSystem {

    private final PackedTreeFileSystemProvider provider;
    private final PackedTreeIndex index;
    private final PackedTreePath root;
    private volatile boolean open = true;

    PackedTreeFileSystem(PackedTreeFileSystemProvider provider, PackedTreeIndex index) {
        this.provider = provider;
        this.index = index;
        this.root = new PackedTreePath(this, true, new String[0]);
    }

    /** The root folder of the tree in {@code packFile}, after checking the file's index whole. */
    public static Path open(Path packFile) throws IOException {
        return new PackedTreeFileSystem(PackedTreeFileSystemProvider.INSTANCE, PackedTreeIndex.read(packFile)).root();
    }

    /** The number of files in the packed tree whose root (from {@link #open}) is {@code root}. */
    public static int members(Path root) {
        if (!(root.getFileSystem() instanceof PackedTreeFileSystem fs)) {
            throw new IllegalArgumentException("not a packed tree: " + root);
        }
        return fs.members();
    }

    /** The pack file; for messages. */
    public Path file() {
        return index.file();
    }

    /** The number of files in the tree. */
    public int members() {
        return index.members();
    }

    PackedTreeIndex index() {
        return index;
    }

    PackedTreePath root() {
        return root;
    }

    @Override
    public PackedTreeFileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String getSeparator() {
        return "/";
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return List.of(root);
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return List.of();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return Set.of("basic");
    }

    @Override
    public Path getPath(String first, String... more) {
        StringBuilder sb = new StringBuilder(first);
        for (String m : more) {
            if (!m.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append('/');
                }
                sb.append(m);
            }
        }
        return PackedTreePath.parse(this, sb.toString());
    }

    /** Glob and regex matching on the path's text, with the platform's syntax rules. */
    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher(syntaxAndPattern);
        return p -> m.matches(Path.of(p.toString()));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        throw new UnsupportedOperationException("a packed tree has no owners");
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("a packed tree cannot be watched");
    }

    @Override
    public String toString() {
        return index.file().toString();
    }
}
