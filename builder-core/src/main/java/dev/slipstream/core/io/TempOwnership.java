package dev.slipstream.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * Tells a temporary file or folder that a running process still owns from one that a killed
 * process left behind, so that cleaning up stale temporaries never pulls the ground from under a
 * concurrent build writing into the same folder.
 *
 * <p>The owner holds an exclusive OS file lock (fcntl) on the temporary file itself, or on a
 * {@value #OWNER_FILE} file inside a temporary folder. The kernel drops the lock when the process
 * dies, however it dies (kill -9 included), so an unlocked temporary is abandoned. A folder
 * without its owner file is only abandoned once it is older than {@link #GRACE}: its owner may be
 * between creating it and locking it.
 */
public final class TempOwnership implements AutoCloseable {

    /** The lock file inside an owned temporary folder. */
    public static final String OWNER_FILE = ".slipstream-owner";

    static final Duration GRACE = Duration.ofMinutes(1);

    /**
     * Temporaries this JVM owns. They are recognised without opening them: closing any channel on
     * a file drops every fcntl lock the process holds on it (see {@link FileLock}), so probing our
     * own lock would release it.
     */
    private static final java.util.Set<Path> OWNED_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path owned;
    private final FileChannel channel;
    private final FileLock lock;

    private TempOwnership(Path owned, FileChannel channel, FileLock lock) {
        this.owned = owned;
        this.channel = channel;
        this.lock = lock;
        OWNED_HERE.add(owned);
    }

    /** Claims a freshly created temporary folder for this process until {@link #close()}. */
    public static TempOwnership claimFolder(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(OWNER_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (IOException e) {
            l = null; // a file system without locks: the folder is then never taken for stale by others
        } catch (RuntimeException e) {
            ch.close();
            throw e;
        }
        return new TempOwnership(key(dir), ch, l);
    }

    /** Locks an open temporary file's channel; the lock lives as long as the channel is open. */
    static void claimFile(Path file, FileChannel channel) throws IOException {
        OWNED_HERE.add(key(file));
        try {
            channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            // held by this JVM already, or a file system without locks: written either way
        }
    }

    /** Forgets a file claimed with {@link #claimFile}, once it is closed, renamed or deleted. */
    static void releaseFile(Path file) {
        OWNED_HERE.remove(key(file));
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Whether no live process owns this temporary file or folder. */
    public static boolean isAbandoned(Path p) throws IOException {
        if (OWNED_HERE.contains(key(p))) {
            return false;
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Path owner = p.resolve(OWNER_FILE);
            if (!Files.exists(owner, LinkOption.NOFOLLOW_LINKS)) {
                Instant modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
                return modified.isBefore(Instant.now().minus(GRACE));
            }
            return isUnlocked(owner);
        }
        return isUnlocked(p);
    }

    private static boolean isUnlocked(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (IOException e) {
                return false; // locks unsupported here: cannot tell, so keep it
            }
            if (l == null) {
                return false; // another process holds it
            }
            l.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this JVM holds it
        } catch (NoSuchFileException e) {
            return false; // its owner finished meanwhile
        }
    }

    /** Releases the claim; the caller deletes the folder. */
    @Override
    public void close() throws IOException {
        OWNED_HERE.remove(owned);
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
