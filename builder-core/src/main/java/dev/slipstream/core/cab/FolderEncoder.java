package dev.slipstream.core.cab;

import java.io.IOException;

/**
 * Compresses the uncompressed byte stream of one folder into CFDATA blocks, which it hands to a
 * {@link CfDataSink} in order. Blocks hold at most 32 KiB of input; all but the last are full.
 */
interface FolderEncoder extends AutoCloseable {

    void write(byte[] b, int off, int len) throws IOException;

    /** Flushes the last block. */
    void finish() throws IOException;

    @Override
    void close();

    /** Receives CFDATA payloads. */
    @FunctionalInterface
    interface CfDataSink {
        void block(byte[] data, int off, int len, int uncompressedLen) throws IOException;
    }
}
