package dev.slipstream.core.codec;

/**
 * A table-driven decoder for a canonical Huffman code read most significant bit first, as LZX
 * uses it. One lookup on the next {@code primaryBits} bits resolves every short code; longer codes
 * go through one second-level table indexed by the following bits, up to 16 in all.
 *
 * <p>Entries are {@code symbol << 5 | length}; a negative primary entry {@code ~base} points to a
 * second-level table; a 0 entry is a bit pattern no symbol owns. The arrays are allocated once
 * and rebuilt in place for every block, so a stream of many small blocks does not churn memory.
 */
public final class HuffmanTable {

    private static final int MAX = CanonicalHuffman.MAX_LENGTH;

    private final int primaryBits;
    private final int secondaryBits;
    private int[] entries;
    private final int[] perLength = new int[MAX + 1];
    private final int[] nextCode = new int[MAX + 1];

    public HuffmanTable(int primaryBits) {
        if (primaryBits < 1 || primaryBits > MAX) {
            throw new IllegalArgumentException("primary bits " + primaryBits);
        }
        this.primaryBits = primaryBits;
        this.secondaryBits = MAX - primaryBits;
        // Room for a few second-level tables; build() grows it up to the worst case (every
        // primary slot leading to a full second-level table) only for codes that need it, so a
        // decoder made for one small file does not allocate and clear a quarter of a megabyte.
        this.entries = new int[(1 << primaryBits) + (secondaryBits == 0 ? 0 : Math.min(1 << MAX, 16 << secondaryBits))];
    }

    public int primaryBits() {
        return primaryBits;
    }

    /** The raw table, for decoders that inline the lookup in their hot loop; fetch it again after each {@link #build}. */
    public int[] entries() {
        return entries;
    }

    /**
     * Rebuilds the table from {@code lengths[0..count)}.
     *
     * @return the fill of the code; the table is usable only for {@link CanonicalHuffman.Fill#COMPLETE}
     *         (and, if the caller accepts it, {@link CanonicalHuffman.Fill#EMPTY}, where every lookup
     *         finds nothing)
     */
    public CanonicalHuffman.Fill build(byte[] lengths, int count) {
        CanonicalHuffman.Fill fill = CanonicalHuffman.fill(lengths, count);
        java.util.Arrays.fill(entries, 0, 1 << primaryBits, 0);
        if (fill != CanonicalHuffman.Fill.COMPLETE) {
            return fill;
        }
        // The steps are methods of their own: a decoder builds tables thousands of times, and
        // the JIT then compiles each loop once instead of compiling this whole method again for
        // each loop that gets hot, and the table is grown before the codes are placed, never in
        // the middle (a growth there, first met after compilation, threw the compiled code away).
        int longCodes = firstCodes(lengths, count);
        reserveSecondaryTables(longCodes);
        placeCodes(lengths, count);
        return fill;
    }

    /** Sets {@code nextCode} to the first canonical code of each length; returns how many codes are longer than the primary bits. */
    private int firstCodes(byte[] lengths, int count) {
        java.util.Arrays.fill(perLength, 0);
        for (int i = 0; i < count; i++) {
            perLength[lengths[i]]++;
        }
        perLength[0] = 0;
        int code = 0;
        int longCodes = 0;
        for (int len = 1; len <= MAX; len++) {
            code = (code + perLength[len - 1]) << 1;
            nextCode[len] = code;
            if (len > primaryBits) {
                longCodes += perLength[len];
            }
        }
        return longCodes;
    }

    /** Grows the table, if needed, to hold a second-level table for each long code (at most one per primary slot). */
    private void reserveSecondaryTables(int longCodes) {
        int primarySize = 1 << primaryBits;
        int needed = primarySize + Math.min(longCodes, primarySize) * (1 << secondaryBits);
        if (needed > entries.length) {
            entries = new int[Math.min(primarySize + (1 << MAX), Math.max(needed, 2 * entries.length))];
        }
    }

    private void placeCodes(byte[] lengths, int count) {
        int nextSecondary = 1 << primaryBits;
        int secondarySize = 1 << secondaryBits;
        int[] table = entries;
        for (int sym = 0; sym < count; sym++) {
            int len = lengths[sym];
            if (len == 0) {
                continue;
            }
            int c = nextCode[len]++;
            int entry = sym << 5 | len;
            if (len <= primaryBits) {
                int shift = primaryBits - len;
                int from = c << shift;
                java.util.Arrays.fill(table, from, from + (1 << shift), entry);
            } else {
                int extra = len - primaryBits;
                int prefix = c >>> extra;
                int base;
                if (table[prefix] < 0) {
                    base = ~table[prefix];
                } else {
                    base = nextSecondary;
                    nextSecondary += secondarySize;
                    table[prefix] = ~base;
                    java.util.Arrays.fill(table, base, base + secondarySize, 0);
                }
                int low = c & ((1 << extra) - 1);
                int shift = MAX - len;
                int from = base + (low << shift);
                java.util.Arrays.fill(table, from, from + (1 << shift), entry);
            }
        }
    }

    /**
     * The entry for the code at the top of {@code window16}, the next 16 bits of the stream with
     * the first one as bit 15. Returns 0 when no symbol matches.
     */
    public int lookup(int window16) {
        int e = entries[window16 >>> secondaryBits];
        if (e < 0) {
            e = entries[~e + (window16 & ((1 << secondaryBits) - 1))];
        }
        return e;
    }
}
