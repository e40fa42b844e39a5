package dev.slipstream.core.codec.lzx;

/**
 * The tables of the LZX format as used in cabinets ([MS-PATCH] LZX DELTA without the delta
 * extensions; the Microsoft "LZX Data Compression Format" document). The decoder and the encoder
 * share these, so that they stay mirror images.
 */
public final class LzxConstants {

    private LzxConstants() {
    }

    public static final int MIN_WINDOW_BITS = 15;
    public static final int MAX_WINDOW_BITS = 21;

    /** Uncompressed bytes per frame: each CFDATA block of an LZX folder is one frame. */
    public static final int FRAME_SIZE = 32_768;

    public static final int MIN_MATCH = 2;
    public static final int MAX_MATCH = 257;
    public static final int NUM_CHARS = 256;

    public static final int BLOCKTYPE_VERBATIM = 1;
    public static final int BLOCKTYPE_ALIGNED = 2;
    public static final int BLOCKTYPE_UNCOMPRESSED = 3;

    /** Lengths 2..8 are coded in the main tree; longer ones add a length-tree symbol. */
    public static final int NUM_PRIMARY_LENGTHS = 7;
    public static final int NUM_SECONDARY_LENGTHS = 249;
    public static final int LENGTH_TREE_ELEMENTS = NUM_SECONDARY_LENGTHS;

    public static final int PRETREE_ELEMENTS = 20;
    /** Bits per pretree code length in the stream. */
    public static final int PRETREE_LENGTH_BITS = 4;
    public static final int ALIGNED_ELEMENTS = 8;
    /** Bits per aligned-offset tree code length in the stream. */
    public static final int ALIGNED_LENGTH_BITS = 3;
    /** Pretree symbols 0..16 code a length delta (mod 17); these code runs. */
    public static final int PRETREE_ZEROS_SHORT = 17; // 4 + 4 bits zeros
    public static final int PRETREE_ZEROS_LONG = 18;  // 20 + 5 bits zeros
    public static final int PRETREE_SAME_RUN = 19;    // 4 + 1 bit copies of the next delta

    /** Longest Huffman code any LZX tree may use. */
    public static final int MAX_CODE_LENGTH = 16;

    /** The E8 call translation applies to the first 2^30 bytes only, and never to the last 10 of a frame. */
    public static final int E8_MAX_OFFSET = 1 << 30;
    public static final int E8_TAIL = 10;

    /** The largest slot table, for a 2 MiB window. */
    public static final int MAX_POSITION_SLOTS = 50;

    /** Extra bits read after each position slot. */
    public static final int[] EXTRA_BITS = new int[MAX_POSITION_SLOTS + 1];
    /** The smallest formatted offset each position slot codes. */
    public static final int[] POSITION_BASE = new int[MAX_POSITION_SLOTS + 1];

    static {
        for (int slot = 0; slot <= MAX_POSITION_SLOTS; slot++) {
            EXTRA_BITS[slot] = slot < 4 ? 0 : Math.min(slot / 2 - 1, 17);
        }
        for (int slot = 1; slot <= MAX_POSITION_SLOTS; slot++) {
            POSITION_BASE[slot] = POSITION_BASE[slot - 1] + (1 << EXTRA_BITS[slot - 1]);
        }
    }

    /** Number of position slots for a window of 2^windowBits bytes: 30, 32, 34, 36, 38, 42 or 50. */
    public static int positionSlots(int windowBits) {
        checkWindowBits(windowBits);
        return switch (windowBits) {
            case 20 -> 42;
            case 21 -> 50;
            default -> windowBits * 2;
        };
    }

    /** Symbols of the main tree: 256 literals, then 8 length headers per position slot. */
    public static int mainTreeElements(int windowBits) {
        return NUM_CHARS + positionSlots(windowBits) * 8;
    }

    public static void checkWindowBits(int windowBits) {
        if (windowBits < MIN_WINDOW_BITS || windowBits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("LZX window bits must be 15..21, not " + windowBits);
        }
    }
}
