package dev.slipstream.core.codec.lzx;

import static dev.slipstream.core.codec.lzx.LzxConstants.ALIGNED_ELEMENTS;
import static dev.slipstream.core.codec.lzx.LzxConstants.ALIGNED_LENGTH_BITS;
import static dev.slipstream.core.codec.lzx.LzxConstants.BLOCKTYPE_ALIGNED;
import static dev.slipstream.core.codec.lzx.LzxConstants.BLOCKTYPE_UNCOMPRESSED;
import static dev.slipstream.core.codec.lzx.LzxConstants.BLOCKTYPE_VERBATIM;
import static dev.slipstream.core.codec.lzx.LzxConstants.EXTRA_BITS;
import static dev.slipstream.core.codec.lzx.LzxConstants.LENGTH_TREE_ELEMENTS;
import static dev.slipstream.core.codec.lzx.LzxConstants.NUM_CHARS;
import static dev.slipstream.core.codec.lzx.LzxConstants.POSITION_BASE;
import static dev.slipstream.core.codec.lzx.LzxConstants.PRETREE_ELEMENTS;
import static dev.slipstream.core.codec.lzx.LzxConstants.PRETREE_LENGTH_BITS;
import static dev.slipstream.core.codec.lzx.LzxConstants.PRETREE_SAME_RUN;
import static dev.slipstream.core.codec.lzx.LzxConstants.PRETREE_ZEROS_LONG;
import static dev.slipstream.core.codec.lzx.LzxConstants.PRETREE_ZEROS_SHORT;

import dev.slipstream.core.codec.BlockDecoder;
import dev.slipstream.core.codec.CanonicalHuffman.Fill;
import dev.slipstream.core.codec.HuffmanTable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * The LZX decoder of cabinets (windows of 2^15 to 2^21 bytes): verbatim, aligned-offset and
 * uncompressed blocks, the three repeated offsets, and the E8 call translation.
 *
 * <p>Each {@link #decode} call is one 32 KiB frame (one CFDATA block). As in libmspack, whose
 * behaviour cabextract users rely on, the bit stream runs on across blocks: whatever a frame leaves
 * unread after re-aligning to 16 bits is where the next frame starts. LZX blocks run across frames.
 *
 * <p>Defences, each of which ends in a {@link DataFormatException} instead of a crash or a hang:
 * trees must be complete prefix codes (only the length tree may be empty, as in streams without
 * long matches); a match may not start before the first byte ever decoded, run past the end of its
 * block or frame, or reach further back than the window; a frame may not read more than a few
 * bytes past its input. Every loop either produces output, bounded by the frame size, or consumes
 * input, bounded by the block size.
 *
 * <p>The hot loop keeps the bit buffer in a {@code long} (next bit at bit 63), reads codes through
 * {@link HuffmanTable}'s two-level lookup, and writes into a {@code byte[]} window that a frame
 * never wraps (the window is a whole number of frames).
 */
public final class LzxDecoder implements BlockDecoder {

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long E8_BYTES = 0xE8E8_E8E8_E8E8_E8E8L;
    private static final long LOW_BITS = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private static final int MAIN_BITS = 11;
    private static final int INITIAL_WINDOW = 64 << 10;
    /**
     * A stand-in for the aligned-offset table in verbatim blocks, whose low 3 offset bits are
     * plain bits: indexed by the next 7 bits like the aligned table, it gives their top 3 as the
     * symbol and 3 as the length. One offset path then serves both block types.
     */
    private static final int[] VERBATIM_ALIGNED = new int[1 << 7];

    static {
        for (int i = 0; i < VERBATIM_ALIGNED.length; i++) {
            VERBATIM_ALIGNED[i] = (i >>> 4) << 5 | 3;
        }
    }
    private static final int LENGTH_BITS = 10;
    /** Extra zero bytes behind the input, so the refill needs no bounds test per word. */
    private static final int PAD = 128;
    /** How far past its input a frame may read before that is an error, as libmspack's two padding bytes allow. */
    private static final int OVERREAD_ALLOWED = 2;
    /** Room left for runs that write past the end of a tree's range, as the format allows. */
    private static final int LENGTHS_SAFETY = 64;
    private static final int MAX_INPUT = 2 * (32_768 + 6_144);

    private final int windowBits;
    private final int windowSize;
    private final int mainElements;
    /** Grows with the data up to {@link #windowSize}: a small file never needs the 2 MiB of LZX:21. */
    private byte[] window;

    private final byte[] mainLengths;
    private final byte[] lengthLengths = new byte[LENGTH_TREE_ELEMENTS + LENGTHS_SAFETY];
    private final byte[] alignedLengths = new byte[ALIGNED_ELEMENTS];
    private final byte[] preLengths = new byte[PRETREE_ELEMENTS];
    private final HuffmanTable mainTree = new HuffmanTable(MAIN_BITS);
    private final HuffmanTable lengthTree = new HuffmanTable(LENGTH_BITS);
    private final HuffmanTable alignedTree = new HuffmanTable(7);
    private final HuffmanTable preTree = new HuffmanTable(8);
    private boolean lengthTreeEmpty;

    // input: leftover of the previous frame, this frame's block, then PAD zeros
    private final byte[] in = new byte[MAX_INPUT + PAD];
    private int inPos;
    private int inEnd;
    private long bitBuf;
    private int bitsLeft;

    // stream state
    private int windowPos;
    private long decodedTotal;
    private int frames;
    private boolean headerRead;
    private int intelFileSize;
    /** Set once a block could have produced an 0xE8 byte; before that a frame has none to translate. */
    private boolean intelStarted;
    private int blockType;
    private int blockLength;
    private int blockRemaining;
    private int r0;
    private int r1;
    private int r2;
    /** A frame failed part-way and left the state stale: nothing more decodes until {@link #reset}. */
    private boolean failed;

    public LzxDecoder(int windowBits) {
        LzxConstants.checkWindowBits(windowBits);
        this.windowBits = windowBits;
        this.windowSize = 1 << windowBits;
        this.mainElements = LzxConstants.mainTreeElements(windowBits);
        this.window = new byte[Math.min(windowSize, INITIAL_WINDOW)];
        this.mainLengths = new byte[mainElements + LENGTHS_SAFETY];
        reset();
    }

    public int windowBits() {
        return windowBits;
    }

    @Override
    public void reset() {
        failed = false;
        windowPos = 0;
        decodedTotal = 0;
        frames = 0;
        headerRead = false;
        intelFileSize = 0;
        intelStarted = false;
        blockType = 0;
        blockLength = 0;
        blockRemaining = 0;
        r0 = 1;
        r1 = 1;
        r2 = 1;
        Arrays.fill(mainLengths, (byte) 0);
        Arrays.fill(lengthLengths, (byte) 0);
        inPos = 0;
        inEnd = 0;
        bitBuf = 0;
        bitsLeft = 0;
    }

    @Override
    public void decode(byte[] src, int srcLen, byte[] out, int outLen) throws DataFormatException {
        if (outLen < 0 || outLen > FRAME_LIMIT) {
            throw new DataFormatException("an LZX frame holds at most 32768 bytes, this block declares " + outLen);
        }
        if (srcLen < 0 || srcLen > MAX_INPUT / 2) {
            throw new DataFormatException("an LZX block of " + srcLen + " compressed bytes is larger than any frame needs");
        }
        if (failed) {
            throw new DataFormatException("an earlier LZX block of this folder failed to decode");
        }
        // Carry over what the previous frame left unread, then append this block.
        int leftover = inEnd - inPos;
        if (leftover < 0 || leftover > MAX_INPUT / 2) {
            throw new DataFormatException("the LZX stream lost its place between blocks");
        }
        System.arraycopy(in, inPos, in, 0, leftover);
        System.arraycopy(src, 0, in, leftover, srcLen);
        inPos = 0;
        inEnd = leftover + srcLen;
        Arrays.fill(in, inEnd, inEnd + PAD, (byte) 0);
        bitBuf = 0;
        bitsLeft = 0;

        if (outLen == 0) {
            return;
        }
        failed = true;
        int frameStart = windowPos;
        int frameEnd = frameStart + outLen;
        if (frameEnd > windowSize) {
            throw new DataFormatException("an LZX frame would run past the end of the " + windowSize + "-byte window");
        }
        if (frameEnd > window.length) {
            // Before the first wrap no match reaches past what was decoded, so the bytes beyond
            // the old length were never read; the window reaches its full size before it wraps.
            window = Arrays.copyOf(window, Math.min(windowSize, Math.max(frameEnd, 2 * window.length)));
        }
        if (!headerRead) {
            headerRead = true;
            if (readBits(1) == 1) {
                int hi = readBits(16);
                int lo = readBits(16);
                intelFileSize = hi << 16 | lo;
            }
        }
        decodeFrame(frameEnd);

        // Re-align to 16 bits and turn the bit position back into a byte position.
        if (blockType != BLOCKTYPE_UNCOMPRESSED || blockRemaining == 0) {
            dropBits(bitsLeft & 15);
            inPos -= bitsLeft >>> 3;
            bitBuf = 0;
            bitsLeft = 0;
        }
        if (inPos > inEnd + OVERREAD_ALLOWED) {
            throw new DataFormatException("the LZX data ends " + (inPos - inEnd) + " bytes before the frame does");
        }
        if (inPos > inEnd) {
            inPos = inEnd;
        }

        System.arraycopy(window, frameStart, out, 0, outLen);
        if (intelStarted && intelFileSize != 0 && frames < 32_768 && outLen > 10) {
            translateE8(out, outLen, (int) decodedTotal, intelFileSize);
        }
        frames++;
        decodedTotal += outLen;
        failed = false;
        windowPos = frameEnd == windowSize ? 0 : frameEnd;
    }

    private static final int FRAME_LIMIT = LzxConstants.FRAME_SIZE;

    private void decodeFrame(int frameEnd) throws DataFormatException {
        int frameStart = windowPos;
        // Bytes decoded before this frame that matches may reach, capped by the window.
        int historyBefore = (int) Math.min(decodedTotal, windowSize);
        while (windowPos < frameEnd) {
            if (blockRemaining == 0) {
                readBlockHeader();
                continue;
            }
            int runEnd = windowPos + Math.min(blockRemaining, frameEnd - windowPos);
            int before = windowPos;
            if (blockType == BLOCKTYPE_UNCOMPRESSED) {
                int n = runEnd - windowPos;
                if (inPos + n > inEnd) {
                    throw new DataFormatException("an uncompressed LZX block runs past the end of its data");
                }
                System.arraycopy(in, inPos, window, windowPos, n);
                inPos += n;
                windowPos = runEnd;
            } else {
                decodeRun(runEnd, blockType == BLOCKTYPE_ALIGNED ? alignedTree.entries() : VERBATIM_ALIGNED, historyBefore - frameStart);
            }
            blockRemaining -= windowPos - before;
        }
    }

    /**
     * Decodes Huffman-coded symbols until the window reaches {@code runEnd}. A match that would pass
     * it crosses the end of its block or frame, which libmspack (and hence cabextract) refuses.
     *
     * <p>Kept small and free of rarely taken branches, because the JIT compiles it while a short
     * extraction runs and recompiles it whenever a branch it never saw is taken: aligned and
     * verbatim blocks share one path (see {@link #VERBATIM_ALIGNED}), and window wrap-around and
     * overlapping matches are in {@link #copyOverlapping}. On an exception the state fields are
     * left stale; {@link #decode} refuses to continue until {@link #reset}.
     *
     * @param historyBias added to the window position gives how many bytes a match may reach back
     */
    private void decodeRun(int runEnd, int[] alignTab, int historyBias) throws DataFormatException {
        final byte[] win = window;
        final byte[] src = in;
        final int[] mainTab = mainTree.entries();
        final int[] lenTab = lengthTree.entries();
        // Between two checks against this limit the loop reads at most 4 more bytes.
        final int padLimit = inEnd + PAD - 8;
        final int maxOffset = windowSize;
        long bb = bitBuf;
        int bl = bitsLeft;
        int ip = inPos;
        int wp = windowPos;
        int rr0 = r0;
        int rr1 = r1;
        int rr2 = r2;
        while (wp < runEnd) {
            if (bl < 16) {
                if (ip >= padLimit) {
                    throw truncated();
                }
                bb |= nextTwoWords(src, ip) << (32 - bl);
                ip += 4;
                bl += 32;
            }
            int e = mainTab[(int) (bb >>> (64 - MAIN_BITS))];
            if (e < 0) {
                e = mainTab[~e + ((int) (bb >>> 48) & ((1 << (16 - MAIN_BITS)) - 1))];
            }
            // The main tree is a complete code: every bit pattern has a symbol.
            int len = e & 31;
            bb <<= len;
            bl -= len;
            int sym = e >>> 5;
            if (sym < NUM_CHARS) {
                win[wp++] = (byte) sym;
                continue;
            }
            sym -= NUM_CHARS;
            int matchLen = sym & 7;
            int slot = sym >>> 3;
            if (matchLen == 7) {
                if (bl < 16) {
                    if (ip >= padLimit) {
                        throw truncated();
                    }
                    bb |= nextTwoWords(src, ip) << (32 - bl);
                    ip += 4;
                    bl += 32;
                }
                int le = lenTab[(int) (bb >>> (64 - LENGTH_BITS))];
                if (le < 0) {
                    le = lenTab[~le + ((int) (bb >>> 48) & ((1 << (16 - LENGTH_BITS)) - 1))];
                }
                int ll = le & 31;
                if (ll == 0) {
                    throw noLengthSymbol();
                }
                bb <<= ll;
                bl -= ll;
                matchLen += le >>> 5;
            }
            matchLen += 2;
            int offset;
            if (slot > 2) {
                int extra = EXTRA_BITS[slot];
                // Up to 17 extra bits, or 14 and a 7-bit aligned code: 32 are enough.
                if (bl < 32) {
                    if (ip >= padLimit) {
                        throw truncated();
                    }
                    bb |= nextTwoWords(src, ip) << (32 - bl);
                    ip += 4;
                    bl += 32;
                }
                offset = POSITION_BASE[slot] - 2;
                if (extra >= 3) {
                    // High bits verbatim, then the low 3 through the aligned tree (in a verbatim
                    // block a table that reads them verbatim too).
                    int n = extra - 3;
                    offset += (int) ((bb >>> 1) >>> (63 - n)) << 3;
                    bb <<= n;
                    bl -= n;
                    int ae = alignTab[(int) (bb >>> (64 - 7))];
                    int al = ae & 31;
                    bb <<= al;
                    bl -= al;
                    offset += ae >>> 5;
                } else {
                    offset += (int) ((bb >>> 1) >>> (63 - extra));
                    bb <<= extra;
                    bl -= extra;
                }
                rr2 = rr1;
                rr1 = rr0;
                rr0 = offset;
            } else if (slot == 0) {
                offset = rr0;
            } else if (slot == 1) {
                offset = rr1;
                rr1 = rr0;
                rr0 = offset;
            } else {
                offset = rr2;
                rr2 = rr0;
                rr0 = offset;
            }
            if (wp + matchLen > runEnd) {
                throw new DataFormatException("an LZX match runs past the end of its block or frame");
            }
            if (offset > wp + historyBias || offset > maxOffset || offset <= 0) {
                throw reachesBeforeStart(offset);
            }
            int from = wp - offset;
            // One test for both rare cases (a match from before the window's wrap, or one that
            // overlaps itself): a branch that the JIT has seen taken early, so that the first wrap,
            // after 2 MiB of output, does not throw away the decoder's compiled code.
            if ((from | (offset - matchLen)) < 0) {
                copyOverlapping(win, from, wp, matchLen, maxOffset);
            } else if (matchLen <= 16) {
                // Source and destination do not overlap. Two words each, which may overlap each
                // other but never write past the match: the window beyond it is history that
                // later matches may still read.
                if (matchLen >= 8) {
                    long head = (long) LONG_LE.get(win, from);
                    long tail = (long) LONG_LE.get(win, from + matchLen - 8);
                    LONG_LE.set(win, wp, head);
                    LONG_LE.set(win, wp + matchLen - 8, tail);
                } else if (matchLen >= 4) {
                    int head = (int) INT_LE.get(win, from);
                    int tail = (int) INT_LE.get(win, from + matchLen - 4);
                    INT_LE.set(win, wp, head);
                    INT_LE.set(win, wp + matchLen - 4, tail);
                } else {
                    win[wp] = win[from];
                    win[wp + 1] = win[from + 1];
                    win[wp + matchLen - 1] = win[from + matchLen - 1];
                }
            } else {
                System.arraycopy(win, from, win, wp, matchLen);
            }
            wp += matchLen;
        }
        bitBuf = bb;
        bitsLeft = bl;
        inPos = ip;
        windowPos = wp;
        r0 = rr0;
        r1 = rr1;
        r2 = rr2;
    }

    /** The next 32 bits of the stream, two 16-bit little-endian words with the first in the high half, in the low 32 bits. */
    private static long nextTwoWords(byte[] src, int ip) {
        return (long) Integer.rotateLeft((int) INT_LE.get(src, ip), 16) & 0xFFFF_FFFFL;
    }

    /**
     * Copies a match that wraps around the window's start ({@code from < 0}) or overlaps its own
     * output. Overlapping bytes repeat with period {@code wp - from}, so each copy may take
     * everything written so far, doubling the chunk each time.
     */
    private static void copyOverlapping(byte[] win, int from, int wp, int matchLen, int windowSize) {
        int left = matchLen;
        if (from < 0) {
            from += windowSize;
            int first = Math.min(left, windowSize - from);
            System.arraycopy(win, from, win, wp, first);
            wp += first;
            left -= first;
            from = 0;
        }
        if (left > 0 && wp - from == 1) {
            Arrays.fill(win, wp, wp + left, win[from]);
            return;
        }
        while (left > 0) {
            int n = Math.min(left, wp - from);
            System.arraycopy(win, from, win, wp, n);
            wp += n;
            left -= n;
        }
    }

    private static DataFormatException truncated() {
        return new DataFormatException("the LZX data ends in the middle of a block");
    }

    private DataFormatException noLengthSymbol() {
        return new DataFormatException(lengthTreeEmpty
                ? "an LZX match needs the length tree, but the block's length tree is empty"
                : "an LZX length-tree code matches no symbol");
    }

    private static DataFormatException reachesBeforeStart(int offset) {
        return new DataFormatException("an LZX match reaches " + offset + " bytes back, before the start of the data");
    }

    private void readBlockHeader() throws DataFormatException {
        if (blockType == BLOCKTYPE_UNCOMPRESSED) {
            // An uncompressed block of odd length is followed by one padding byte.
            if ((blockLength & 1) != 0) {
                inPos++;
            }
            bitBuf = 0;
            bitsLeft = 0;
        }
        blockType = readBits(3);
        int hi = readBits(16);
        int lo = readBits(8);
        blockLength = hi << 8 | lo;
        blockRemaining = blockLength;
        switch (blockType) {
            case BLOCKTYPE_ALIGNED -> {
                for (int i = 0; i < ALIGNED_ELEMENTS; i++) {
                    alignedLengths[i] = (byte) readBits(ALIGNED_LENGTH_BITS);
                }
                if (alignedTree.build(alignedLengths, ALIGNED_ELEMENTS) != Fill.COMPLETE) {
                    throw new DataFormatException("the LZX aligned-offset tree is not a complete prefix code");
                }
                readMainAndLengthTrees();
            }
            case BLOCKTYPE_VERBATIM -> readMainAndLengthTrees();
            case BLOCKTYPE_UNCOMPRESSED -> {
                intelStarted = true;
                // Align to 16 bits, skipping a whole word when already aligned, then read R0..R2.
                int partial = bitsLeft & 15;
                if (partial == 0) {
                    if (bitsLeft >= 16) {
                        dropBits(16);
                    } else {
                        inPos += 2;
                    }
                } else {
                    dropBits(partial);
                }
                inPos -= bitsLeft >>> 3;
                bitBuf = 0;
                bitsLeft = 0;
                if (inPos + 12 > inEnd) {
                    throw new DataFormatException("an uncompressed LZX block header runs past the end of its data");
                }
                r0 = readLe32(inPos);
                r1 = readLe32(inPos + 4);
                r2 = readLe32(inPos + 8);
                inPos += 12;
            }
            default -> throw new DataFormatException("unknown LZX block type " + blockType);
        }
    }

    private void readMainAndLengthTrees() throws DataFormatException {
        readLengths(mainLengths, 0, NUM_CHARS);
        readLengths(mainLengths, NUM_CHARS, mainElements);
        Fill mainFill = mainTree.build(mainLengths, mainElements);
        if (mainFill != Fill.COMPLETE) {
            throw new DataFormatException("the LZX main tree is not a complete prefix code (" + mainFill.name().toLowerCase() + ")");
        }
        readLengths(lengthLengths, 0, LENGTH_TREE_ELEMENTS);
        Fill lengthFill = lengthTree.build(lengthLengths, LENGTH_TREE_ELEMENTS);
        if (lengthFill != Fill.COMPLETE && lengthFill != Fill.EMPTY) {
            throw new DataFormatException("the LZX length tree is not a complete prefix code (" + lengthFill.name().toLowerCase() + ")");
        }
        lengthTreeEmpty = lengthFill == Fill.EMPTY;
        if (mainLengths[0xE8] != 0) {
            intelStarted = true;
        }
    }

    /** Reads code lengths for {@code lens[first..last)} as deltas from the previous block's, through a pretree. */
    private void readLengths(byte[] lens, int first, int last) throws DataFormatException {
        for (int i = 0; i < PRETREE_ELEMENTS; i++) {
            preLengths[i] = (byte) readBits(PRETREE_LENGTH_BITS);
        }
        if (preTree.build(preLengths, PRETREE_ELEMENTS) != Fill.COMPLETE) {
            throw new DataFormatException("an LZX pretree is not a complete prefix code");
        }
        int x = first;
        while (x < last) {
            int z = readPreSymbol();
            if (z == PRETREE_ZEROS_SHORT) {
                int run = readBits(4) + 4;
                fillLengths(lens, x, run, 0);
                x += run;
            } else if (z == PRETREE_ZEROS_LONG) {
                int run = readBits(5) + 20;
                fillLengths(lens, x, run, 0);
                x += run;
            } else if (z == PRETREE_SAME_RUN) {
                int run = readBits(1) + 4;
                int delta = readPreSymbol();
                if (delta > 16) {
                    throw new DataFormatException("an LZX pretree run repeats a run code");
                }
                int value = lens[x] - delta;
                if (value < 0) {
                    value += 17;
                }
                fillLengths(lens, x, run, value);
                x += run;
            } else {
                int value = lens[x] - z;
                if (value < 0) {
                    value += 17;
                }
                lens[x++] = (byte) value;
            }
        }
    }

    private static void fillLengths(byte[] lens, int from, int run, int value) throws DataFormatException {
        if (from + run > lens.length) {
            throw new DataFormatException("an LZX code-length run overflows the tree");
        }
        Arrays.fill(lens, from, from + run, (byte) value);
    }

    private int readPreSymbol() throws DataFormatException {
        ensure(16);
        int e = preTree.lookup((int) (bitBuf >>> 48));
        int len = e & 31;
        if (len == 0) {
            throw new DataFormatException("an LZX pretree code matches no symbol");
        }
        dropBits(len);
        return e >>> 5;
    }

    private void ensure(int n) throws DataFormatException {
        while (bitsLeft < n) {
            if (inPos + 2 > inEnd + PAD) {
                throw new DataFormatException("the LZX data ends in the middle of a block header");
            }
            bitBuf |= (long) ((in[inPos] & 0xFF) | (in[inPos + 1] & 0xFF) << 8) << (48 - bitsLeft);
            inPos += 2;
            bitsLeft += 16;
        }
    }

    private int readBits(int n) throws DataFormatException {
        ensure(n);
        int v = (int) (bitBuf >>> (64 - n));
        dropBits(n);
        return v;
    }

    private void dropBits(int n) {
        bitBuf <<= n;
        bitsLeft -= n;
    }

    private int readLe32(int p) {
        return (in[p] & 0xFF) | (in[p + 1] & 0xFF) << 8 | (in[p + 2] & 0xFF) << 16 | (in[p + 3] & 0xFF) << 24;
    }

    /**
     * Undoes the encoder's E8 translation: x86 CALL targets stored as absolute positions within a
     * file of {@code intelFileSize} bytes become relative again. Never touches the last 10 bytes.
     */
    private static void translateE8(byte[] data, int len, int framePos, int fileSize) {
        int end = len - 10;
        int i = 0;
        while (i < end) {
            // Most bytes are not 0xE8: skip eight at a time. The lowest byte the test flags is
            // always a real 0xE8 (false flags only appear above a real one).
            if (i + 8 <= end) {
                long x = (long) LONG_LE.get(data, i) ^ E8_BYTES;
                long hit = (x - LOW_BITS) & ~x & HIGH_BITS;
                if (hit == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(hit) >>> 3;
            } else if (data[i] != (byte) 0xE8) {
                i++;
                continue;
            }
            int cur = framePos + i;
            int abs = (int) INT_LE.get(data, i + 1);
            if (abs >= -cur && abs < fileSize) {
                INT_LE.set(data, i + 1, abs >= 0 ? abs - cur : abs + fileSize);
            }
            i += 5;
        }
    }
}
