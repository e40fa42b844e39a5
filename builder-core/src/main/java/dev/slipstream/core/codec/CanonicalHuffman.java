package dev.slipstream.core.codec;

/**
 * Canonical Huffman codes as DEFLATE, LZX and the cabinet writer use them: codes are assigned in
 * order of increasing length, and within a length in symbol order, and are read most significant
 * bit first. Only the code lengths travel in the stream, so the decoder ({@link HuffmanTable}) and
 * any encoder must derive identical codes from them; this class is the one place that does it.
 */
public final class CanonicalHuffman {

    /** Longest code any of our formats allows (LZX and DEFLATE both stop at 15 or 16). */
    public static final int MAX_LENGTH = 16;

    /** How a set of code lengths covers the code space (the Kraft sum). */
    public enum Fill {
        /** No symbol has a code. */
        EMPTY,
        /** Every bit pattern decodes to a symbol: the only shape a decoder can fully trust. */
        COMPLETE,
        /** Some bit patterns decode to nothing. */
        INCOMPLETE,
        /** More codes than the code space holds: not decodable at all. */
        OVERSUBSCRIBED,
        /** A length outside 0..{@link #MAX_LENGTH}. */
        INVALID_LENGTH
    }

    private CanonicalHuffman() {
    }

    /** Measures how {@code lengths[0..count)} fill the code space. */
    public static Fill fill(byte[] lengths, int count) {
        long used = 0;
        boolean any = false;
        for (int i = 0; i < count; i++) {
            int len = lengths[i];
            if (len == 0) {
                continue;
            }
            if (len < 0 || len > MAX_LENGTH) {
                return Fill.INVALID_LENGTH;
            }
            any = true;
            used += 1L << (MAX_LENGTH - len);
        }
        if (!any) {
            return Fill.EMPTY;
        }
        long full = 1L << MAX_LENGTH;
        return used == full ? Fill.COMPLETE : used < full ? Fill.INCOMPLETE : Fill.OVERSUBSCRIBED;
    }

    /**
     * The canonical code of each symbol: {@code codes[s]} holds {@code lengths[s]} significant bits,
     * to be written most significant bit first; symbols without a length get 0.
     *
     * @throws IllegalArgumentException when the lengths are over-subscribed or out of range
     */
    public static int[] codes(byte[] lengths, int count) {
        Fill f = fill(lengths, count);
        if (f == Fill.OVERSUBSCRIBED || f == Fill.INVALID_LENGTH) {
            throw new IllegalArgumentException("code lengths are not a prefix code: " + f);
        }
        int[] perLength = new int[MAX_LENGTH + 1];
        for (int i = 0; i < count; i++) {
            perLength[lengths[i]]++;
        }
        perLength[0] = 0;
        int[] next = new int[MAX_LENGTH + 2];
        int code = 0;
        for (int len = 1; len <= MAX_LENGTH; len++) {
            code = (code + perLength[len - 1]) << 1;
            next[len] = code;
        }
        int[] codes = new int[count];
        for (int i = 0; i < count; i++) {
            int len = lengths[i];
            if (len != 0) {
                codes[i] = next[len]++;
            }
        }
        return codes;
    }

    /** Reverses the low {@code len} bits of {@code code}, for LSB-first formats such as DEFLATE. */
    public static int reverse(int code, int len) {
        return Integer.reverse(code) >>> (32 - len);
    }
}
