package dev.slipstream.core.pkg;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetLocator;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * Unpacks an update package without running it: finds the cabinet in the self-extractor (the
 * SFXCAB overlay) and extracts every member below a folder, verifying every CFDATA checksum on the
 * way. A member whose name would land outside the folder, or that two names would both claim
 * (compared as Windows does, case-insensitively), makes the package bad input.
 */
public final class PackageExtractor {

    private PackageExtractor() {
    }

    /**
     * @param progress receives the number of bytes written after each member
     * @return the number of members extracted
     */
    public static int extract(Path packageFile, Path destination, int threads, LongConsumer progress) throws IOException {
        CabinetLocator.Candidate cab = CabinetLocator.locate(packageFile).require();
        Files.createDirectories(destination);
        Path root = destination.toAbsolutePath().normalize();
        Set<String> seen = new HashSet<>();
        int[] count = {0};
        try (CabinetReader reader = CabinetReader.open(packageFile, cab.offset(), CabReadOptions.DEFAULTS)) {
            for (CabEntry e : reader.entries()) {
                String key = e.path().toLowerCase(Locale.ROOT);
                if (!seen.add(key)) {
                    throw BadInputException.in(packageFile).atOffset(cab.offset())
                            .hint("the package is corrupt or was not made by Microsoft's tools")
                            .problem("the cabinet holds '%s' twice (names compare case-insensitively on Windows)", e.path());
                }
                target(root, e, packageFile);
            }
            try (MemberWriter writer = new MemberWriter()) {
                reader.readAll(e -> true, threads, (CabEntry e, InputStream data) -> {
                    Path out = target(root, e, packageFile);
                    long n;
                    if (e.size() <= MemberWriter.MAX_BUFFERED) {
                        // Decoding is the long pole (SP2 is one LZX folder, decoded on one core): the
                        // files are created and written on another thread while decoding goes on.
                        n = writer.write(out, data, e.size());
                    } else {
                        writer.rethrow();
                        Files.createDirectories(out.getParent());
                        try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                            n = copy(data, os);
                        }
                    }
                    synchronized (count) {
                        count[0]++;
                    }
                    progress.accept(n);
                });
                writer.finish();
            }
        } catch (BadInputException e) {
            throw e.source() != null && e.source().contains(packageFile.getFileName().toString()) ? e
                    : e.within(packageFile.toString());
        }
        return count[0];
    }

    /**
     * The size of each write: on Linux/ext4 much larger writes cost several times the system time
     * (measured by the cabinet extractor, see CabExtractor), and one 32 KiB decoded block per write
     * costs more syscalls for nothing.
     */
    private static final int WRITE_SIZE = 128 << 10;

    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[WRITE_SIZE];
        long total = 0;
        while (true) {
            int n = in.readNBytes(buf, 0, buf.length);
            if (n == 0) {
                return total;
            }
            out.write(buf, 0, n);
            total += n;
        }
    }

    /**
     * Writes members on one background thread, holding at most {@link #CHUNKS} chunks of bytes that are
     * decoded but not yet written; the first failure is rethrown to the decoding side.
     */
    private static final class MemberWriter implements AutoCloseable {
        static final int MAX_BUFFERED = 4 << 20;
        /** Chunks of {@link #WRITE_SIZE}: at most this many (16 MiB) hold decoded bytes not yet written. */
        private static final int CHUNKS = 128;

        /** Free chunks, reused member after member: the decoded bytes cause no allocation. */
        private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
        private final Semaphore available = new Semaphore(CHUNKS);
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "slipstream-extract-write");
            t.setDaemon(true);
            return t;
        });
        private final AtomicReference<IOException> failure = new AtomicReference<>();

        /**
         * Reads a member of at most {@link #MAX_BUFFERED} bytes into chunks and queues its file. A
         * member takes all its chunks at once, so decoders on several folders never hold part of
         * what each needs while waiting for the rest.
         *
         * @return the bytes read
         */
        long write(Path out, InputStream data, long size) throws IOException {
            rethrow();
            int needed = (int) Math.max(1, (size + WRITE_SIZE - 1) / WRITE_SIZE);
            try {
                available.acquire(needed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while extracting");
            }
            byte[][] chunks = new byte[needed][];
            int[] lengths = new int[needed];
            long total = 0;
            try {
                for (int i = 0; i < needed; i++) {
                    byte[] c = free.poll();
                    chunks[i] = c != null ? c : new byte[WRITE_SIZE];
                    lengths[i] = data.readNBytes(chunks[i], 0, (int) Math.min(WRITE_SIZE, size - total));
                    total += lengths[i];
                }
            } catch (IOException | RuntimeException | Error e) {
                giveBack(chunks);
                throw e;
            }
            thread.execute(() -> {
                try {
                    if (failure.get() == null) {
                        Files.createDirectories(out.getParent());
                        try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                            for (int i = 0; i < chunks.length; i++) {
                                if (lengths[i] > 0) {
                                    os.write(chunks[i], 0, lengths[i]);
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    giveBack(chunks);
                }
            });
            return total;
        }

        private void giveBack(byte[][] chunks) {
            int n = 0;
            for (byte[] c : chunks) {
                if (c != null) {
                    free.add(c);
                }
                n++;
            }
            available.release(n);
        }

        void rethrow() throws IOException {
            IOException e = failure.get();
            if (e != null) {
                throw e;
            }
        }

        /** Waits until every member is written. */
        void finish() throws IOException {
            thread.shutdown();
            try {
                while (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                    // every queued write ends: each is one bounded file
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while extracting");
            }
            rethrow();
        }

        /** On a failure: drops the queued writes and waits for the one under way, so nothing is written afterwards. */
        @Override
        public void close() {
            thread.shutdownNow();
            boolean interrupted = false;
            while (true) {
                try {
                    if (thread.awaitTermination(1, TimeUnit.SECONDS)) {
                        break;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Path target(Path root, CabEntry e, Path packageFile) throws BadInputException {
        String rel = e.path();
        Path out = root.resolve(rel).normalize();
        if (rel.isEmpty() || rel.startsWith("/") || rel.contains(":") || !out.startsWith(root) || out.equals(root)) {
            throw BadInputException.in(packageFile).hint("do not use this package: it may be hostile")
                    .problem("the cabinet member '%s' would be written outside the extraction folder", e.path());
        }
        return out;
    }
}
