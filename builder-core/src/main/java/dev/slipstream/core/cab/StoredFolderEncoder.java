package dev.slipstream.core.cab;

import java.io.IOException;

/** Folders without compression: the data cut into 32 KiB blocks. */
final class StoredFolderEncoder implements FolderEncoder {

    private final CfDataSink sink;
    private final byte[] block = new byte[CabConstants.MAX_BLOCK_UNCOMPRESSED];
    private int fill;

    StoredFolderEncoder(CfDataSink sink) {
        this.sink = sink;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, block.length - fill);
            System.arraycopy(b, off, block, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == block.length) {
                sink.block(block, 0, fill, fill);
                fill = 0;
            }
        }
    }

    @Override
    public void finish() throws IOException {
        if (fill > 0) {
            sink.block(block, 0, fill, fill);
            fill = 0;
        }
    }

    @Override
    public void close() {
    }
}
