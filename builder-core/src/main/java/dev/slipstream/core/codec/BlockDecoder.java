package dev.slipstream.core.codec;

import java.util.zip.DataFormatException;

/**
 * Decodes the data blocks of one cabinet folder, in order. A decoder keeps the history a folder's
 * blocks share (an LZX window, the MSZIP dictionary, Quantum's models) and nothing else: the
 * container hands it each block's compressed bytes and the exact size the block must decode to,
 * so a decoder can never produce more than the header declares, and never loops on garbage.
 *
 * <p>Errors are {@link DataFormatException}s with a message about the data; the container adds
 * the file, offset and folder.
 */
public interface BlockDecoder {

    /** The largest uncompressed size of one block (a cabinet CFDATA block or an LZX frame). */
    int MAX_BLOCK_SIZE = 32_768;

    /**
     * Decodes one block.
     *
     * @param in     the block's compressed bytes, {@code in[0..inLen)}; the array is not kept
     * @param out    receives exactly {@code outLen} bytes at {@code out[0..outLen)}
     * @param outLen the block's declared uncompressed size, 0..{@link #MAX_BLOCK_SIZE}
     * @throws DataFormatException when the data is not a valid block of this format, or decodes
     *                             to a different size than declared
     */
    void decode(byte[] in, int inLen, byte[] out, int outLen) throws DataFormatException;

    /** Forgets all history, as at the start of a folder. */
    void reset();
}
