package dev.slipstream.core.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes files on one background thread while the caller goes on producing their bytes, so that
 * decoding a cabinet folder (one core) and writing its members (system time) overlap instead of
 * taking turns.
 *
 * <p>Memory is bounded: bytes wait in at most {@code maxChunks} pooled chunks, and at most
 * {@code maxFiles} files are queued; a producer that runs ahead blocks until the writer catches
 * up. Files are opened, written and committed on the writer thread in the order they were queued.
 * The first failure is kept and rethrown to the producer at its next call, and from
 * {@link #finish()}; after it, queued files are abandoned (their {@link Destination#close()} runs
 * without {@link Destination#commit()}), so an {@link AtomicOutput} behind them leaves nothing.
 */
public final class WriteBehind implements AutoCloseable {

    /**
     * The chunk (and write) size extractions use: 32 KiB, the size cabextract writes in (one LZX
     * frame). Measured on Linux 6.18/ext4, writing 6 GiB: the kernel gives a buffered write a page
     * cache folio as large as the write, and when free memory is fragmented into single pages (just
     * after another program deleted gigabytes it had written in small writes, as cabextract does)
     * each 128 KiB folio costs a compaction: 6.5-7.5 s of system time against 3.1-4.7 s with 32 KiB
     * writes, while on unfragmented memory both cost about the same (2.5-4.1 s). 1 MiB writes cost
     * 4 s per 2 GiB even then, and 4 or 16 KiB writes cost more syscalls or also compacted.
     */
    public static final int WRITE_SIZE = 32 << 10;

    /** Where one file's bytes go, on the writer thread. */
    public interface Destination {
        void write(byte[] b, int off, int len) throws IOException;

        /** All bytes were written: make the file visible. */
        void commit() throws IOException;

        /** Always called last; without a commit before it, the file must not appear. */
        void close() throws IOException;
    }

    /** Opens a file's destination, on the writer thread. */
    @FunctionalInterface
    public interface Opener {
        Destination open() throws IOException;
    }

    private final int chunkSize;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final Semaphore chunks;
    private final Semaphore files;
    private final ExecutorService writer;
    private final AtomicReference<IOException> failure = new AtomicReference<>();
    private volatile boolean aborted;

    public WriteBehind(String threadName, int chunkSize, int maxChunks, int maxFiles) {
        if (chunkSize <= 0 || maxChunks <= 0 || maxFiles <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        this.chunkSize = chunkSize;
        this.chunks = new Semaphore(maxChunks);
        this.files = new Semaphore(maxFiles);
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A file to be written behind. Write its bytes to the returned stream, then call
     * {@link PendingFile#commit()}; closing it without committing abandons the file.
     */
    public PendingFile open(Opener opener) throws IOException {
        rethrow();
        acquire(files);
        PendingFile f = new PendingFile();
        submit(() -> {
            if (!stopped()) {
                try {
                    f.destination = opener.open();
                } catch (IOException e) {
                    fail(e);
                }
            }
        });
        return f;
    }

    /** Waits until every queued file is written and committed; rethrows the first failure. */
    public void finish() throws IOException {
        writer.shutdown();
        awaitWriter();
        rethrow();
    }

    /** Stops: files not yet written are abandoned. Waits for the writer, so nothing is left half-done. */
    @Override
    public void close() {
        aborted = true;
        writer.shutdown();
        try {
            awaitWriter();
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitWriter() throws InterruptedIOException {
        try {
            while (!writer.awaitTermination(1, TimeUnit.SECONDS)) {
                // every queued task is bounded: one chunk written, or one file opened or closed
            }
        } catch (InterruptedException e) {
            aborted = true;
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for files to be written");
        }
    }

    private boolean stopped() {
        return aborted || failure.get() != null;
    }

    private void fail(IOException e) {
        failure.compareAndSet(null, e);
    }

    private void rethrow() throws IOException {
        IOException e = failure.get();
        if (e != null) {
            throw e;
        }
        if (aborted) {
            throw new IOException("writing was stopped");
        }
    }

    private void submit(Runnable task) throws IOException {
        try {
            writer.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            rethrow();
            throw new IOException("writing was stopped", e);
        }
    }

    private static void acquire(Semaphore s) throws InterruptedIOException {
        try {
            s.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the writer");
        }
    }

    private byte[] takeChunk() {
        byte[] c = free.poll();
        return c != null ? c : new byte[chunkSize];
    }

    private void recycle(byte[] c) {
        free.add(c);
        chunks.release();
    }

    private void recycle(byte[][] cs) {
        for (byte[] c : cs) {
            free.add(c);
        }
        chunks.release(cs.length);
    }

    /**
     * Chunks handed to the writer at once (1 MiB): each hand-over is a thread wake-up (a futex
     * call), and one per 128 KiB chunk doubled the system time of extracting 6 GiB.
     */
    private static final int BATCH = 32;

    /** The producer's side of one file. Not thread-safe: one producer per file. */
    public final class PendingFile extends OutputStream {
        /** Set and used on the writer thread only (tasks run in order on one thread). */
        private Destination destination;
        private byte[] current;
        private int used;
        private boolean done;

        private PendingFile() {
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (done) {
                throw new IOException("the file was already committed or closed");
            }
            while (len > 0) {
                if (current == null) {
                    rethrow();
                    current = nextChunk();
                    used = 0;
                }
                int n = Math.min(len, current.length - used);
                System.arraycopy(b, off, current, used, n);
                used += n;
                off += n;
                len -= n;
                if (used == current.length) {
                    flushChunk();
                }
            }
        }

        /** Reads {@code in} to its end straight into the chunks (no intermediate copy); returns the bytes read. */
        public long transferFrom(java.io.InputStream in) throws IOException {
            if (done) {
                throw new IOException("the file was already committed or closed");
            }
            long total = 0;
            while (true) {
                if (current == null) {
                    rethrow();
                    current = nextChunk();
                    used = 0;
                }
                int n = in.read(current, used, current.length - used);
                if (n < 0) {
                    return total;
                }
                used += n;
                total += n;
                if (used == current.length) {
                    flushChunk();
                }
            }
        }

        /** Full chunks not yet handed to the writer: they go over in batches, one wake-up each. */
        private final byte[][] batch = new byte[BATCH][];
        private final int[] batchLengths = new int[BATCH];
        private int batched;

        /** A chunk; before waiting for one, hands over its own batch, so no producer waits while holding chunks. */
        private byte[] nextChunk() throws IOException {
            if (!chunks.tryAcquire()) {
                submitBatch();
                acquire(chunks);
            }
            return takeChunk();
        }

        private void flushChunk() throws IOException {
            batch[batched] = current;
            batchLengths[batched] = used;
            batched++;
            current = null;
            used = 0;
            if (batched == BATCH) {
                submitBatch();
            }
        }

        private void submitBatch() throws IOException {
            if (batched == 0) {
                return;
            }
            byte[][] cs = java.util.Arrays.copyOf(batch, batched);
            int[] ns = java.util.Arrays.copyOf(batchLengths, batched);
            java.util.Arrays.fill(batch, null);
            batched = 0;
            try {
                submit(() -> {
                    try {
                        for (int i = 0; i < cs.length; i++) {
                            if (!stopped() && destination != null) {
                                destination.write(cs[i], 0, ns[i]);
                            }
                        }
                    } catch (IOException e) {
                        fail(e);
                    } finally {
                        recycle(cs);
                    }
                });
            } catch (IOException e) {
                recycle(cs);
                throw e;
            }
        }

        private void dropBatch() {
            if (batched > 0) {
                recycle(java.util.Arrays.copyOf(batch, batched));
                java.util.Arrays.fill(batch, null);
                batched = 0;
            }
        }

        /** Queues the rest of the bytes and the commit; the file appears when the writer gets there. */
        public void commit() throws IOException {
            if (done) {
                throw new IOException("the file was already committed or closed");
            }
            if (current != null && used > 0) {
                flushChunk();
            } else if (current != null) {
                recycle(current);
                current = null;
            }
            submitBatch();
            done = true;
            end(true);
        }

        /** Without a {@link #commit()} first, abandons the file. */
        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            done = true;
            if (current != null) {
                recycle(current);
                current = null;
            }
            dropBatch();
            end(false);
        }

        private void end(boolean commit) throws IOException {
            try {
                submit(() -> {
                    try {
                        if (destination != null) {
                            try {
                                if (commit && !stopped()) {
                                    destination.commit();
                                }
                            } finally {
                                destination.close();
                            }
                        }
                    } catch (IOException e) {
                        fail(e);
                    } finally {
                        files.release();
                    }
                });
            } catch (IOException e) {
                files.release();
                if (commit) {
                    throw e;
                }
            }
        }
    }
}
