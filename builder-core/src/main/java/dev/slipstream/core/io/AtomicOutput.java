package dev.slipstream.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a
 * half-written one: the bytes go to a temporary file beside the target, which is forced to disk
 * and renamed over the target only by {@link #commit()}. Closing without committing deletes the
 * temporary file.
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(target)) {
 *     write(out.stream());
 *     out.commit();
 * }
 * }</pre>
 *
 * <p>Temporary files are named {@code .NAME.slipstream-tmp-*}; {@link #cleanStale(Path)} removes
 * the ones a killed process left behind.
 */
public final class AtomicOutput implements AutoCloseable {

    static final String TEMP_MARKER = ".slipstream-tmp-";

    private final Durability durability;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(Path target, Path temp, FileChannel channel, Durability durability) {
        this.durability = durability;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = Channels.newOutputStream(channel);
    }

    /** How hard {@link #commit()} works to make the bytes survive a power cut, not just a killed process. */
    public enum Durability {
        /** Force the data to disk before the rename: for images, cabinets and rewritten INFs. */
        SYNC,
        /**
         * Rename without forcing: for the thousands of members of an extraction, where one fsync per
         * file costs more than it protects. A killed process still never leaves a partial file
         * under the target name.
         */
        NO_SYNC
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    public static AtomicOutput create(Path target) throws IOException {
        return create(target, Durability.SYNC);
    }

    public static AtomicOutput create(Path target, Durability durability) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file 0600, and the rename would hand that mode to
        // the user's ISO. CREATE_NEW with default attributes honours the umask like any other tool.
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + abs.getFileName() + TEMP_MARKER + Long.toUnsignedString(RANDOM.nextLong(), 36));
            try {
                FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
                // Locked while being written, so cleanStale in another process leaves it alone.
                TempOwnership.claimFile(temp, ch);
                return new AtomicOutput(abs, temp, ch, durability);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 16) {
                    throw e;
                }
            }
        }
    }

    public Path target() {
        return target;
    }

    /** The temporary file being written; it is not the result until committed. */
    public Path tempFile() {
        return temp;
    }

    public FileChannel channel() {
        return channel;
    }

    public OutputStream stream() {
        return stream;
    }

    /** Forces the bytes to disk and renames the temporary file over the target. */
    public void commit() throws IOException {
        if (closed) {
            throw new IllegalStateException("already closed: " + target);
        }
        if (durability == Durability.SYNC) {
            channel.force(true);
        }
        channel.close();
        closed = true;
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        TempOwnership.releaseFile(temp);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
        if (!committed) {
            Files.deleteIfExists(temp);
        }
        TempOwnership.releaseFile(temp);
    }

    /**
     * Deletes the temporary files (and folders) that an earlier, killed run left in {@code dir}.
     * Those still owned by a live process, e.g. a concurrent build writing beside us, are kept:
     * see {@link TempOwnership}.
     *
     * @return how many were removed
     */
    public static int cleanStale(Path dir) throws IOException {
        return cleanStale(dir, TEMP_MARKER);
    }

    /** Deletes abandoned temporaries in {@code dir} whose names contain {@code marker}. */
    public static int cleanStale(Path dir, String marker) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var entries = Files.newDirectoryStream(dir, e -> e.getFileName().toString().contains(marker))) {
            for (Path p : entries) {
                if (!TempOwnership.isAbandoned(p)) {
                    continue;
                }
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(p);
                    removed++;
                } else if (Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
