package dev.slipstream.core.codec.lzx;

import java.util.Arrays;

/**
 * The LZX bit stream as every decoder reads it: bits are packed most-significant first into
 * 16-bit words, and each word is stored little-endian. Frames end on a word boundary
 * ({@link #alignToWord()}); uncompressed blocks switch to raw bytes ({@link #writeRawBytes}).
 */
final class LzxBitWriter {

    private byte[] buf = new byte[64 * 1024];
    private int pos;
    private long acc;
    private int bits;

    /** Appends the low {@code count} (0..24) bits of {@code value}, most significant first. */
    void writeBits(int value, int count) {
        acc = (acc << count) | (value & ((1L << count) - 1));
        bits += count;
        while (bits >= 16) {
            bits -= 16;
            int word = (int) (acc >>> bits);
            ensure(2);
            buf[pos++] = (byte) word;
            buf[pos++] = (byte) (word >>> 8);
        }
        acc &= (1L << bits) - 1;
    }

    /** Pads with zero bits to the next 16-bit boundary; nothing when already there. */
    void alignToWord() {
        if (bits > 0) {
            writeBits(0, 16 - bits);
        }
    }

    /**
     * Pads to a word boundary the way an uncompressed block header requires: 1 to 16 zero bits,
     * so a full zero word when already aligned.
     */
    void padForUncompressed() {
        writeBits(0, 16 - bits);
    }

    /** Raw bytes, only valid on a word boundary (inside uncompressed blocks). */
    void writeRawBytes(byte[] src, int off, int len) {
        if (bits != 0) {
            throw new IllegalStateException("raw bytes off a word boundary");
        }
        ensure(len);
        System.arraycopy(src, off, buf, pos, len);
        pos += len;
    }

    void writeRawInt(int v) {
        ensure(4);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 24);
    }

    /** Bytes completed so far; a frame's bytes are taken after {@link #alignToWord()}. */
    int size() {
        return pos;
    }

    byte[] buffer() {
        return buf;
    }

    /** Forgets the completed bytes (after a frame was handed out); must be word-aligned. */
    void reset() {
        if (bits != 0) {
            throw new IllegalStateException("reset off a word boundary");
        }
        pos = 0;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
