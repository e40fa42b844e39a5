package dev.slipstream.core.codec.mszip;

import java.util.zip.Deflater;

/**
 * Compresses MSZIP blocks: each CFDATA block is "CK" followed by a complete raw deflate stream
 * (ending with a final block) of at most 32 KiB of input. The decoder keeps the previous block's
 * output as deflate history, so each block may refer to the 32 KiB of input before it; the
 * encoder gives deflate that raw input as a preset dictionary. Because the dictionary is plain
 * input, not encoder state, the blocks of a folder can be compressed independently and in
 * parallel, and the result does not depend on how they were scheduled.
 *
 * <p>One instance holds one native deflater: use one per thread and {@link #close()} it.
 */
public final class MszipEncoder implements AutoCloseable {

    /** The "CK" signature that starts every MSZIP block. */
    public static final byte[] SIGNATURE = {'C', 'K'};
    /** The history the decoder keeps across blocks. */
    public static final int HISTORY_SIZE = 32_768;
    /** The largest input of one block. */
    public static final int MAX_BLOCK = 32_768;
    /** Room that always suffices for one compressed block: stored deflate blocks add 5 bytes per 64 KiB. */
    public static final int MAX_OUTPUT = 2 + MAX_BLOCK + 64;
    /** zlib's fastest level: no lazy matching, 4-step chains. */
    public static final int FAST_LEVEL = 1;
    /**
     * Our default. With the previous block's 32 KiB as dictionary (gcab gives none), zlib level 3
     * writes about 2 % fewer bytes than gcab at zlib's default level 6, in less than half its CPU
     * time; level 6 buys another 2 % for twice the time, level 9 2.5 % for 4.5 times (measured on
     * the input of scripts/bench/cab-compress).
     */
    public static final int DEFAULT_LEVEL = 3;
    /** zlib's strongest level. */
    public static final int BEST_LEVEL = 9;

    private final Deflater deflater;

    /** @param level zlib level 1..9 (6 is zlib's default and gcab's) */
    public MszipEncoder(int level) {
        if (level < 1 || level > 9) {
            throw new IllegalArgumentException("MSZIP level must be 1..9, not " + level);
        }
        this.deflater = new Deflater(level, true);
    }

    /**
     * Compresses {@code len} bytes of {@code in} at {@code off} into {@code out} (at least
     * {@link #MAX_OUTPUT} bytes), with the {@code histLen} bytes before {@code off} as history.
     *
     * @return the number of bytes written, "CK" included
     */
    public int encodeBlock(byte[] in, int off, int len, int histLen, byte[] out) {
        if (len <= 0 || len > MAX_BLOCK || histLen < 0 || histLen > HISTORY_SIZE || histLen > off) {
            throw new IllegalArgumentException("bad MSZIP block: len " + len + ", history " + histLen);
        }
        if (out.length < MAX_OUTPUT) {
            throw new IllegalArgumentException("output buffer too small");
        }
        deflater.reset();
        if (histLen > 0) {
            deflater.setDictionary(in, off - histLen, histLen);
        }
        deflater.setInput(in, off, len);
        deflater.finish();
        out[0] = SIGNATURE[0];
        out[1] = SIGNATURE[1];
        int n = 2;
        while (!deflater.finished()) {
            if (n == out.length) {
                throw new IllegalStateException("MSZIP block exceeds " + out.length + " bytes");
            }
            n += deflater.deflate(out, n, out.length - n);
        }
        return n;
    }

    @Override
    public void close() {
        deflater.end();
    }
}
