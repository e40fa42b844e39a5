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

    private final FileChannel channel;
    private final FileLock lock;

    private TempOwnership(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims a freshly created temporary folder for this process until {@link #close()}. */
    public static TempOwnership claimFolder(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(OWNER_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                throw new IOException(dir + ": another process already owns this temporary folder");
            }
            return new TempOwnership(ch, l);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Locks an open temporary file's channel; the lock lives as long as the channel is open. */
    static void claimFile(FileChannel channel) throws IOException {
        try {
            channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // already held by this JVM: owned either way
        }
    }

    /** Whether no live process owns this temporary file or folder. */
    public static boolean isAbandoned(Path p) throws IOException {
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
            FileLock l = ch.tryLock();
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
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
