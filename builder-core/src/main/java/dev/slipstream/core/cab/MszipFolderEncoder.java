package dev.slipstream.core.cab;

import dev.slipstream.core.codec.mszip.MszipEncoder;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * MSZIP folders. Input is gathered in batches of blocks; each block is deflated with the 32 KiB
 * of raw input before it as dictionary, so the blocks of a batch are compressed in parallel
 * (worker {@code w} takes blocks w, w+T, ...) and written in order. With a pool there are two
 * batches: while the workers compress one, the calling thread reads the input into the other
 * and writes out the blocks finished before, so reading, checksums and writing do not hold the
 * workers up. Memory is bounded by the two batches, and the bytes do not depend on the number
 * of threads.
 */
final class MszipFolderEncoder implements FolderEncoder {

    private static final int BLOCK = MszipEncoder.MAX_BLOCK;
    private static final int HISTORY = MszipEncoder.HISTORY_SIZE;

    /** Input blocks with the history before them, and their compressed forms. */
    private static final class Batch {
        /** [0, HISTORY) the history before the batch, then the batch's blocks. */
        final byte[] data;
        final byte[][] outputs;
        final int[] outputLens;
        int historyLen;
        int dataLen;
        final List<Future<?>> tasks = new ArrayList<>();

        Batch(int blocks) {
            data = new byte[HISTORY + blocks * BLOCK];
            outputs = new byte[blocks][MszipEncoder.MAX_OUTPUT];
            outputLens = new int[blocks];
        }

        int blocks() {
            return (dataLen + BLOCK - 1) / BLOCK;
        }
    }

    private final CfDataSink sink;
    private final ExecutorService pool;
    private final MszipEncoder[] encoders;
    /** The batch being filled, and (with a pool) the one being compressed, or null. */
    private Batch filling;
    private Batch inFlight;
    private Batch spare;

    /** @param pool null to compress on the calling thread */
    MszipFolderEncoder(int level, int threads, ExecutorService pool, CfDataSink sink) {
        this.sink = sink;
        this.pool = threads > 1 ? pool : null;
        int workers = this.pool == null ? 1 : threads;
        this.encoders = new MszipEncoder[workers];
        for (int i = 0; i < workers; i++) {
            encoders[i] = new MszipEncoder(level);
        }
        int blocksPerBatch = workers == 1 ? 1 : 16 * workers;
        this.filling = new Batch(blocksPerBatch);
        if (this.pool != null) {
            this.spare = new Batch(blocksPerBatch);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            Batch f = filling;
            int fill = HISTORY + f.dataLen;
            int n = Math.min(len, f.data.length - fill);
            System.arraycopy(b, off, f.data, fill, n);
            f.dataLen += n;
            off += n;
            len -= n;
            if (f.dataLen + HISTORY == f.data.length) {
                flushBatch();
            }
        }
    }

    @Override
    public void finish() throws IOException {
        if (filling.dataLen > 0) {
            flushBatch();
        }
        if (inFlight != null) {
            drain(inFlight);
            inFlight = null;
        }
    }

    /** Compresses the batch being filled (in the background with a pool) and starts the next. */
    private void flushBatch() throws IOException {
        Batch done = filling;
        Batch next;
        if (pool == null) {
            compressBlocks(done, 0, 1);
            emit(done);
            next = done;
        } else {
            // At most one batch in flight: each worker's encoder serves one task at a time.
            if (inFlight != null) {
                drain(inFlight);
                spare = inFlight;
            }
            int workers = encoders.length;
            for (int w = 0; w < workers; w++) {
                int worker = w;
                done.tasks.add(pool.submit(() -> compressBlocks(done, worker, workers)));
            }
            inFlight = done;
            next = spare;
            spare = null;
        }
        // The last 32 KiB of this batch are the history of the next one.
        int keep = Math.min(HISTORY, done.historyLen + done.dataLen);
        System.arraycopy(done.data, HISTORY + done.dataLen - keep, next.data, HISTORY - keep, keep);
        next.historyLen = keep;
        next.dataLen = 0;
        filling = next;
    }

    private void drain(Batch batch) throws IOException {
        for (Future<?> t : batch.tasks) {
            try {
                t.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while compressing");
            } catch (ExecutionException e) {
                throw new IllegalStateException("MSZIP compression failed", e.getCause());
            }
        }
        batch.tasks.clear();
        emit(batch);
    }

    private void emit(Batch batch) throws IOException {
        int blocks = batch.blocks();
        for (int i = 0; i < blocks; i++) {
            int ulen = Math.min(BLOCK, batch.dataLen - i * BLOCK);
            sink.block(batch.outputs[i], 0, batch.outputLens[i], ulen);
        }
    }

    private void compressBlocks(Batch batch, int first, int step) {
        MszipEncoder enc = encoders[first];
        int blocks = batch.blocks();
        for (int i = first; i < blocks; i += step) {
            int off = HISTORY + i * BLOCK;
            int ulen = Math.min(BLOCK, batch.dataLen - i * BLOCK);
            int hist = i == 0 ? batch.historyLen : HISTORY;
            batch.outputLens[i] = enc.encodeBlock(batch.data, off, ulen, hist, batch.outputs[i]);
        }
    }

    @Override
    public void close() {
        // A failed write may leave a batch in flight: its tasks must not use the encoders after end().
        if (inFlight != null) {
            for (Future<?> t : inFlight.tasks) {
                try {
                    t.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException e) {
                    // already failed: nothing to wait for
                }
            }
            inFlight = null;
        }
        for (MszipEncoder e : encoders) {
            e.close();
        }
    }
}
