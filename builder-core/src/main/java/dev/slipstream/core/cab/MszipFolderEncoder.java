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
 * (worker {@code w} takes blocks w, w+T, ...) and written in order. Memory is bounded by the
 * batch, and the bytes do not depend on the number of threads.
 */
final class MszipFolderEncoder implements FolderEncoder {

    private static final int BLOCK = MszipEncoder.MAX_BLOCK;
    private static final int HISTORY = MszipEncoder.HISTORY_SIZE;

    private final CfDataSink sink;
    private final ExecutorService pool;
    private final MszipEncoder[] encoders;
    private final int blocksPerBatch;
    /** [0, HISTORY) the history before the batch, then the batch's blocks. */
    private final byte[] batch;
    private int fill = HISTORY;
    private int historyLen;
    private final byte[][] outputs;
    private final int[] outputLens;

    /** @param pool null to compress on the calling thread */
    MszipFolderEncoder(int level, int threads, ExecutorService pool, CfDataSink sink) {
        this.sink = sink;
        this.pool = threads > 1 ? pool : null;
        int workers = this.pool == null ? 1 : threads;
        this.encoders = new MszipEncoder[workers];
        for (int i = 0; i < workers; i++) {
            encoders[i] = new MszipEncoder(level);
        }
        this.blocksPerBatch = workers == 1 ? 1 : 16 * workers;
        this.batch = new byte[HISTORY + blocksPerBatch * BLOCK];
        this.outputs = new byte[blocksPerBatch][MszipEncoder.MAX_OUTPUT];
        this.outputLens = new int[blocksPerBatch];
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, batch.length - fill);
            System.arraycopy(b, off, batch, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == batch.length) {
                flushBatch();
            }
        }
    }

    @Override
    public void finish() throws IOException {
        if (fill > HISTORY) {
            flushBatch();
        }
    }

    private void flushBatch() throws IOException {
        int dataLen = fill - HISTORY;
        int blocks = (dataLen + BLOCK - 1) / BLOCK;
        if (pool == null) {
            compressBlocks(0, 1, blocks, dataLen);
        } else {
            List<Future<?>> tasks = new ArrayList<>();
            for (int w = 0; w < encoders.length; w++) {
                int worker = w;
                tasks.add(pool.submit(() -> compressBlocks(worker, encoders.length, blocks, dataLen)));
            }
            for (Future<?> t : tasks) {
                try {
                    t.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while compressing");
                } catch (ExecutionException e) {
                    throw new IllegalStateException("MSZIP compression failed", e.getCause());
                }
            }
        }
        for (int i = 0; i < blocks; i++) {
            int ulen = Math.min(BLOCK, dataLen - i * BLOCK);
            sink.block(outputs[i], 0, outputLens[i], ulen);
        }
        // The last 32 KiB of this batch are the history of the next one.
        int keep = Math.min(HISTORY, historyLen + dataLen);
        System.arraycopy(batch, fill - keep, batch, HISTORY - keep, keep);
        historyLen = keep;
        fill = HISTORY;
    }

    private void compressBlocks(int first, int step, int blocks, int dataLen) {
        MszipEncoder enc = encoders[first];
        for (int i = first; i < blocks; i += step) {
            int off = HISTORY + i * BLOCK;
            int ulen = Math.min(BLOCK, dataLen - i * BLOCK);
            int hist = i == 0 ? historyLen : HISTORY;
            outputLens[i] = enc.encodeBlock(batch, off, ulen, hist, outputs[i]);
        }
    }

    @Override
    public void close() {
        for (MszipEncoder e : encoders) {
            e.close();
        }
    }
}
