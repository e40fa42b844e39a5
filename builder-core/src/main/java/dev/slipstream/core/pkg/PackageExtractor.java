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
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
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
                        byte[] bytes = new byte[(int) e.size()];
                        int got = data.readNBytes(bytes, 0, bytes.length);
                        if (got < bytes.length) {
                            bytes = Arrays.copyOf(bytes, got);
                        }
                        n = bytes.length;
                        writer.write(out, bytes);
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
     * Writes members on one background thread, holding at most {@link #BUDGET} bytes that are
     * decoded but not yet written; the first failure is rethrown to the decoding side.
     */
    private static final class MemberWriter implements AutoCloseable {
        static final int MAX_BUFFERED = 4 << 20;
        private static final int BUDGET = 16 << 20;

        private final Semaphore budget = new Semaphore(BUDGET);
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "slipstream-extract-write");
            t.setDaemon(true);
            return t;
        });
        private final AtomicReference<IOException> failure = new AtomicReference<>();

        void write(Path out, byte[] bytes) throws IOException {
            rethrow();
            try {
                budget.acquire(bytes.length);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while extracting");
            }
            thread.execute(() -> {
                try {
                    if (failure.get() == null) {
                        Files.createDirectories(out.getParent());
                        try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                            for (int off = 0; off < bytes.length; off += WRITE_SIZE) {
                                os.write(bytes, off, Math.min(WRITE_SIZE, bytes.length - off));
                            }
                        }
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    budget.release(bytes.length);
                }
            });
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
