package dev.slipstream.core.hash;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stream once and feeds every chunk to several consumers, on worker threads.
 *
 * <p>The calling thread reads chunks into a fixed ring of buffers; workers pick (consumer, chunk)
 * tasks, always the consumer that lags most, so that a slow consumer (a BLAKE2sp leaf) and a
 * fast one (CRC32) share the cores without a fixed assignment guessed in advance. A consumer is
 * fed by one thread at a time, in stream order; the monitor hand-off makes its state visible to
 * the next thread. A buffer is reused only when every consumer has seen it, so memory is
 * {@code chunkSize * ringSize} whatever the stream length.
 */
final class ParallelFeeder {

    static final int DEFAULT_CHUNK = 1 << 20;
    static final int DEFAULT_RING = 8;

    private final int threads;
    private final int chunkSize;
    private final int ringSize;

    ParallelFeeder(int threads, int chunkSize, int ringSize) {
        if (threads < 1 || chunkSize < 1 || ringSize < 1) {
            throw new IllegalArgumentException("threads, chunk size and ring size must be positive");
        }
        this.threads = threads;
        this.chunkSize = chunkSize;
        this.ringSize = ringSize;
    }

    /** Feeds the whole of {@code in} to every consumer and returns the number of bytes read. */
    long feed(ReadableByteChannel in, List<? extends StreamConsumer> consumers) throws IOException {
        byte[] first = new byte[chunkSize];
        int n = fill(in, first);
        if (n < chunkSize || threads == 1 || consumers.size() == 1) {
            // Small input or nothing to share: threads would cost more than they save.
            return feedInline(in, consumers, first, n);
        }
        return new Run(in, consumers, first, n).run();
    }

    private long feedInline(ReadableByteChannel in, List<? extends StreamConsumer> consumers, byte[] buf, int n)
            throws IOException {
        long total = 0;
        while (n > 0) {
            for (StreamConsumer c : consumers) {
                c.update(buf, 0, n);
            }
            total += n;
            if (n < buf.length) {
                break;
            }
            n = fill(in, buf);
        }
        return total;
    }

    /** Reads until the buffer is full or the stream ends; returns the bytes read. */
    private static int fill(ReadableByteChannel in, byte[] buf) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf);
        while (bb.hasRemaining()) {
            if (in.read(bb) < 0) {
                break;
            }
        }
        return bb.position();
    }

    /** One stream's worth of shared state; every field is guarded by {@code this}. */
    private final class Run {
        private final ReadableByteChannel in;
        private final StreamConsumer[] consumers;
        private final byte[][] buffers = new byte[ringSize][];
        private final int[] lengths = new int[ringSize];
        /** Per ring slot: the consumers that have not yet seen the chunk in it. */
        private final int[] pending = new int[ringSize];
        /** Per consumer: the sequence number of the next chunk it needs. */
        private final long[] next;
        private final boolean[] busy;
        private long published;
        private boolean eof;
        private Throwable failure;

        Run(ReadableByteChannel in, List<? extends StreamConsumer> consumers, byte[] first, int firstLength) {
            this.in = in;
            this.consumers = consumers.toArray(new StreamConsumer[0]);
            this.next = new long[this.consumers.length];
            this.busy = new boolean[this.consumers.length];
            buffers[0] = first;
            lengths[0] = firstLength;
            pending[0] = this.consumers.length;
            published = 1;
        }

        long run() throws IOException {
            List<Thread> workers = new ArrayList<>();
            int count = Math.min(threads, consumers.length);
            for (int i = 0; i < count; i++) {
                Thread t = new Thread(this::work, "slipstream-hash-" + i);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            long total = lengths[0];
            try {
                total += readAll();
            } catch (IOException | RuntimeException | Error e) {
                fail(e);
                throw e;
            } finally {
                join(workers);
            }
            synchronized (this) {
                if (failure instanceof RuntimeException e) {
                    throw e;
                }
                if (failure instanceof Error e) {
                    throw e;
                }
                if (failure instanceof IOException e) {
                    throw e;
                }
                if (failure != null) {
                    throw new InterruptedIOException("interrupted while hashing");
                }
            }
            return total;
        }

        private long readAll() throws IOException {
            long total = 0;
            for (long seq = 1; ; seq++) {
                int slot = (int) (seq % ringSize);
                synchronized (this) {
                    while (pending[slot] > 0 && failure == null) {
                        awaitInterruptibly();
                    }
                    if (failure != null) {
                        return total;
                    }
                }
                if (buffers[slot] == null) {
                    buffers[slot] = new byte[chunkSize];
                }
                int n = fill(in, buffers[slot]);
                synchronized (this) {
                    if (n > 0) {
                        lengths[slot] = n;
                        pending[slot] = consumers.length;
                        published++;
                    }
                    if (n < chunkSize) {
                        eof = true;
                    }
                    notifyAll();
                }
                total += n;
                if (n < chunkSize) {
                    return total;
                }
            }
        }

        private void awaitInterruptibly() throws InterruptedIOException {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException ie = new InterruptedIOException("interrupted while hashing");
                failure = ie;
                notifyAll();
                throw ie;
            }
        }

        private void work() {
            while (true) {
                int c = -1;
                int slot;
                synchronized (this) {
                    while (true) {
                        if (failure != null) {
                            return;
                        }
                        c = pickLaggard();
                        if (c >= 0) {
                            break;
                        }
                        if (eof && allCaughtUp()) {
                            return;
                        }
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            failure = e;
                            notifyAll();
                            return;
                        }
                    }
                    busy[c] = true;
                    slot = (int) (next[c] % ringSize);
                }
                try {
                    consumers[c].update(buffers[slot], 0, lengths[slot]);
                } catch (RuntimeException | Error e) {
                    fail(e);
                    return;
                }
                synchronized (this) {
                    busy[c] = false;
                    next[c]++;
                    pending[slot]--;
                    notifyAll();
                }
            }
        }

        /** The idle consumer furthest behind that has a published chunk to eat, or -1. */
        private int pickLaggard() {
            int best = -1;
            for (int i = 0; i < consumers.length; i++) {
                if (!busy[i] && next[i] < published && (best < 0 || next[i] < next[best])) {
                    best = i;
                }
            }
            return best;
        }

        private boolean allCaughtUp() {
            for (long n : next) {
                if (n < published) {
                    return false;
                }
            }
            return true;
        }

        private synchronized void fail(Throwable t) {
            if (failure == null) {
                failure = t;
            }
            notifyAll();
        }

        private void join(List<Thread> workers) throws InterruptedIOException {
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    fail(e);
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while hashing");
                }
            }
        }
    }
}
