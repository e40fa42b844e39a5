package dev.slipstream.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

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

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean committed;
    private boolean closed;

    private AtomicOutput(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = Channels.newOutputStream(channel);
    }

    public static AtomicOutput create(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + abs.getFileName() + TEMP_MARKER, "");
        FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.READ,
                StandardOpenOption.TRUNCATE_EXISTING);
        return new AtomicOutput(abs, temp, ch);
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
        channel.force(true);
        channel.close();
        closed = true;
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
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
    }

    /**
     * Deletes temporary files that an earlier, killed run left in {@code dir}.
     *
     * @return how many were removed
     */
    public static int cleanStale(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var entries = Files.newDirectoryStream(dir, e -> e.getFileName().toString().contains(TEMP_MARKER))) {
            for (Path p : entries) {
                if (Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        return removed;
    }
}
