package dev.slipstream.core.codec.lzx;

import static dev.slipstream.core.codec.lzx.LzxConstants.ALIGNED_ELEMENTS;
import static dev.slipstream.core.codec.lzx.LzxConstants.ALIGNED_LENGTH_BITS;
import static dev.slipstream.core.codec.lzx.LzxConstants.BLOCKTYPE_ALIGNED;
import static dev.slipstream.core.codec.lzx.LzxConstants.BLOCKTYPE_UNCOMPRESSED;
import static dev.slipstream.core.codec.lzx.LzxConstants.BLOCKTYPE_VERBATIM;
import static dev.slipstream.core.codec.lzx.LzxConstants.E8_MAX_OFFSET;
import static dev.slipstream.core.codec.lzx.LzxConstants.E8_TAIL;
import static dev.slipstream.core.codec.lzx.LzxConstants.EXTRA_BITS;
import static dev.slipstream.core.codec.lzx.LzxConstants.FRAME_SIZE;
import static dev.slipstream.core.codec.lzx.LzxConstants.LENGTH_TREE_ELEMENTS;
import static dev.slipstream.core.codec.lzx.LzxConstants.MAX_CODE_LENGTH;
import static dev.slipstream.core.codec.lzx.LzxConstants.MAX_MATCH;
import static dev.slipstream.core.codec.lzx.LzxConstants.MIN_MATCH;
import static dev.slipstream.core.codec.lzx.LzxConstants.NUM_CHARS;
import static dev.slipstream.core.codec.lzx.LzxConstants.NUM_PRIMARY_LENGTHS;
import static dev.slipstream.core.codec.lzx.LzxConstants.POSITION_BASE;
import static dev.slipstream.core.codec.lzx.LzxConstants.PRETREE_ELEMENTS;
import static dev.slipstream.core.codec.lzx.LzxConstants.PRETREE_LENGTH_BITS;
import static dev.slipstream.core.codec.lzx.LzxConstants.PRETREE_SAME_RUN;
import static dev.slipstream.core.codec.lzx.LzxConstants.PRETREE_ZEROS_LONG;
import static dev.slipstream.core.codec.lzx.LzxConstants.PRETREE_ZEROS_SHORT;

import dev.slipstream.core.codec.HuffmanCodeBuilder;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Compresses one LZX stream (one cabinet folder) as the cabinet LZX decoders (libmspack, 7-Zip,
 * libarchive, Windows) read it. It is the mirror image of the decoder and shares
 * {@link LzxConstants} with it.
 *
 * <p>The input is cut into 32 KiB frames; each frame becomes one CFDATA block, handed to the
 * {@link FrameSink} with its compressed bytes (word-aligned at its end, as decoders require).
 * Matches never cross a frame boundary. A block (trees + symbols) covers up to
 * {@link Level#blockFrames} frames, so tree costs are shared; a frame that does not compress
 * becomes an uncompressed block of its own.
 *
 * <p>Matching looks up the three repeated offsets (R0, R1, R2) and a bucketed hash table: each
 * 4-byte hash keeps its newest few positions, each with a 9-bit tag of its hash, in one or two
 * cache lines, so that a search costs about one cache miss plus one per true candidate (hash chains over a 2 MiB window
 * miss the cache at every step on code-like data, which made the encoder several times
 * slower), plus the newest position of each 8-byte hash for long matches farther back. FAST
 * and NORMAL parse lazily (a match is weighed against the one a byte later); BEST searches
 * every position and takes the cheapest path through each frame (see
 * {@link #parseFrameOptimal}), about three times slower for 3 to 4 % fewer bytes on binaries.
 * Every choice is priced with the code lengths of the block written before.
 * Memory is bounded by the window, never by the input size.
 *
 * <p>E8 preprocessing follows the decoders' rules exactly: only when a translation size is
 * given (it is then announced in the stream header), only in frames starting within the first
 * 2^30 bytes, never for an E8 byte in the last 10 bytes of a frame, and the 4 bytes after each
 * E8 are skipped whether translated or not.
 */
public final class LzxEncoder {

    /** Receives each finished frame: {@code len} compressed bytes for {@code uncompressedLen} input bytes. */
    @FunctionalInterface
    public interface FrameSink {
        void frame(byte[] data, int off, int len, int uncompressedLen) throws IOException;
    }

    /** Speed/ratio trade-offs. */
    public enum Level {
        /**
         * One candidate per position (the newest with the same 4-byte hash) and R0, taken
         * greedily, without pricing: a small, separate parse loop. For a few files compressed in
         * a JVM that has not compiled the encoder yet (a build's hotfix files), where FAST's
         * larger match finder costs more in compiling and in the interpreter than it saves.
         */
        GREEDY(1, 32, 0, 2, false, 0),
        FAST(4, 32, 0, 2, false, 0),
        NORMAL(16, 64, 24, 1, false, 1 << 16),
        BEST(16, 32, 0, 1, true, 0);

        /** Candidates searched: ways of a hash bucket. */
        final int maxChain;
        final int niceLength;
        /** Matches shorter than this are checked against a match one byte later (lazy evaluation). */
        final int maxLazy;
        /** Frames per block: the frames of a block share its trees. */
        final int blockFrames;
        /** A minimum-cost parse of each frame over the matches at every position, instead of lazy. */
        final boolean optimal;
        /**
         * Farthest offset at which a 3-byte match is looked for (0: none). Near 3-byte matches
         * made NORMAL 0.9 % smaller on binaries for about 3 % more time; farther ones rarely pay
         * for their extra offset bits.
         */
        final int nearOffset3;

        Level(int maxChain, int niceLength, int maxLazy, int blockFrames, boolean optimal, int nearOffset3) {
            this.nearOffset3 = nearOffset3;
            this.maxChain = maxChain;
            this.niceLength = niceLength;
            this.maxLazy = maxLazy;
            this.blockFrames = blockFrames;
            this.optimal = optimal;
        }
    }

    /** The E8 translation size makecab-like encoders announce; 0 disables the translation. */
    public static final int DEFAULT_E8_TRANSLATION_SIZE = 12_000_000;

    /**
     * Matches reach back at most the window size minus this. The format allows window size - 3,
     * but 7-Zip (26.02) decodes a match at exactly that distance wrongly (seen with lzx:15 on
     * code: cabextract and our reader agree, 7-Zip differs from the match's second byte on);
     * one byte less costs nothing measurable.
     */
    private static final int OFFSET_MARGIN = 4;
    private static final int BUCKET_BITS = 16;
    /**
     * A bucket entry is one int: the position above, below it these bits of the 4-byte value's
     * hash. Half the memory of (position, 4 bytes) pairs, so a bucket row is one cache line
     * or two instead of two or three; the few strangers the tag lets through are caught in buf.
     */
    private static final int TAG_BITS = 9;
    private static final int TAG_MASK = (1 << TAG_BITS) - 1;
    private static final int LONG_BITS = 18;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int MATCH_FLAG = 0x80000000;
    private static final int LEN_SHIFT = 22;
    private static final int OFF_MASK = (1 << LEN_SHIFT) - 1;

    private final int windowSize;
    private final int numSlots;
    private final int mainElements;
    private final int e8Size;
    private final Level level;
    private final FrameSink sink;
    private final int groupBytes;

    // Sliding buffer: [0, encPos) is history, [encPos, bufPos) input not yet encoded.
    private final byte[] buf;
    private long base; // stream position of buf[0]
    private int encPos;
    private int bufPos;
    // Buckets: per row, maxChain entries (position and hash tag), newest first.
    private final int[] bucket;
    /** Per bucket row, the slot the next insertion overwrites (a ring: no shifting on insert). */
    private final byte[] bucketNext;
    private final int ways;
    /**
     * With buckets: the newest position of each 8-byte hash, so that long matches farther back
     * than the bucket's few entries reach are still found (the buckets fill up with short
     * matches in code-like data).
     */
    private final int[] longHead;
    private int hashedUpTo;
    /**
     * For levels with {@link Level#nearOffset3}: the newest position of each 3-byte hash, so that
     * 3-byte matches at near offsets (few extra bits, cheaper than three literals in code) are
     * found; the buckets only hold 4-byte matches.
     */
    private final int[] head3;
    private final int near3;
    private static final int H3_BITS = 16;
    /** For {@link Level#GREEDY}: the newest position of each 4-byte hash. */
    private final int[] greedyHead;
    private static final int GREEDY_BITS = 16;

    // Repeated offsets as the decoder will have them after the parsed symbols.
    private int r0 = 1;
    private int r1 = 1;
    private int r2 = 1;

    // Parse of the current group of frames.
    private final int[] items;
    private int itemCount;
    private final int[] frameItemStart;
    private final int[][] frameReps;

    // Tree state shared with the decoder: lengths of the previous block (deltas are coded).
    private final int[] prevMainLens;
    private final int[] prevLenLens = new int[LENGTH_TREE_ELEMENTS];
    private final int[] mainFreq;
    private final int[] lenFreq = new int[LENGTH_TREE_ELEMENTS];
    private final int[] alignedFreq = new int[ALIGNED_ELEMENTS];
    private final int[] mainLens;
    private final int[] mainCodes;
    private final int[] lenLens = new int[LENGTH_TREE_ELEMENTS];
    private final int[] lenCodes = new int[LENGTH_TREE_ELEMENTS];
    private final int[] alignedLens = new int[ALIGNED_ELEMENTS];
    private final int[] alignedCodes = new int[ALIGNED_ELEMENTS];

    private final LzxBitWriter out = new LzxBitWriter();
    private boolean headerWritten;
    private boolean finished;
    private long totalIn;

    /**
     * @param windowBits 15..21
     * @param e8TranslationSize the E8 translation size, or 0 to disable E8 preprocessing
     */
    public LzxEncoder(int windowBits, int e8TranslationSize, Level level, FrameSink sink) {
        LzxConstants.checkWindowBits(windowBits);
        if (e8TranslationSize < 0) {
            throw new IllegalArgumentException("E8 translation size must not be negative");
        }
        this.windowSize = 1 << windowBits;
        this.numSlots = LzxConstants.positionSlots(windowBits);
        this.mainElements = LzxConstants.mainTreeElements(windowBits);
        this.e8Size = e8TranslationSize;
        this.level = level;
        this.sink = sink;
        this.groupBytes = level.blockFrames * FRAME_SIZE;
        this.buf = new byte[2 * windowSize + groupBytes];
        this.ways = level.maxChain;
        if (buf.length > 1 << (32 - TAG_BITS)) {
            throw new IllegalStateException("LZX buffer too large for the bucket entries");
        }
        // Empty entries read as position 0: harmless, every candidate is checked in buf.
        boolean greedy = level == Level.GREEDY; // has a table of its own
        this.bucket = new int[greedy ? 0 : ways << BUCKET_BITS];
        this.bucketNext = new byte[greedy ? 0 : 1 << BUCKET_BITS];
        this.longHead = new int[greedy ? 0 : 1 << LONG_BITS];
        Arrays.fill(longHead, -1);
        this.near3 = level.nearOffset3;
        this.head3 = new int[near3 > 0 ? 1 << H3_BITS : 0];
        Arrays.fill(head3, -1);
        this.greedyHead = new int[greedy ? 1 << GREEDY_BITS : 0];
        Arrays.fill(greedyHead, -1);
        this.items = new int[groupBytes];
        this.frameItemStart = new int[level.blockFrames + 1];
        this.frameReps = new int[level.blockFrames][3];
        this.prevMainLens = new int[mainElements];
        this.mainFreq = new int[mainElements];
        this.mainLens = new int[mainElements];
        this.mainCodes = new int[mainElements];
        this.symbolCost = new int[mainElements];
        this.literalPrefix = new int[groupBytes + 1];
        Arrays.fill(literalBits, 16 * 8);
        // Until a block has been written: a match symbol about 10 bits, a length symbol 4.
        Arrays.fill(symbolCost, 10);
        Arrays.fill(lengthCost, 4);
    }

    public LzxEncoder(int windowBits, FrameSink sink) {
        this(windowBits, DEFAULT_E8_TRANSLATION_SIZE, Level.NORMAL, sink);
    }

    /** Total uncompressed bytes accepted so far. */
    public long bytesIn() {
        return totalIn;
    }

    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IllegalStateException("encoder already finished");
        }
        totalIn += len;
        while (len > 0) {
            if (bufPos == buf.length) {
                slide();
            }
            int n = Math.min(len, Math.min(buf.length - bufPos, encPos + groupBytes - bufPos));
            System.arraycopy(b, off, buf, bufPos, n);
            bufPos += n;
            off += n;
            len -= n;
            if (bufPos - encPos == groupBytes) {
                encodeGroup(bufPos);
            }
        }
    }

    /** Encodes what remains (the last frame may be short). Nothing is written for an empty stream. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (bufPos > encPos) {
            encodeGroup(bufPos);
        }
    }

    /** Drops history older than one window, so that a full group fits again. */
    private void slide() {
        int delta = encPos - windowSize;
        if (delta <= 0) {
            throw new IllegalStateException("LZX buffer cannot slide");
        }
        System.arraycopy(buf, delta, buf, 0, bufPos - delta);
        bufPos -= delta;
        encPos -= delta;
        hashedUpTo -= delta;
        base += delta;
        int shifted = delta << TAG_BITS;
        for (int i = 0; i < bucket.length; i++) {
            int e = bucket[i];
            bucket[i] = e >>> TAG_BITS >= delta ? e - shifted : 0;
        }
        for (int i = 0; i < longHead.length; i++) {
            int h = longHead[i];
            longHead[i] = h >= delta ? h - delta : -1;
        }
        for (int i = 0; i < head3.length; i++) {
            int h = head3[i];
            head3[i] = h >= delta ? h - delta : -1;
        }
        for (int i = 0; i < greedyHead.length; i++) {
            int h = greedyHead[i];
            greedyHead[i] = h >= delta ? h - delta : -1;
        }
    }

    // ---------------------------------------------------------------- E8

    private void e8Translate(int fs, int fe) {
        e8Encode(buf, fs, fe - fs, base + fs, e8Size);
    }

    /**
     * The inverse of the decoders' E8 translation for one frame of {@code len} bytes at
     * {@code off} that starts at stream position {@code framePos}: relative call targets become
     * absolute. Frames starting at or beyond 2^30, frames of 10 bytes or less, and a translation
     * size of 0 are left alone, as decoders do.
     */
    static void e8Encode(byte[] buf, int off, int len, long framePos, int e8Size) {
        if (e8Size == 0 || framePos >= E8_MAX_OFFSET || len <= E8_TAIL) {
            return;
        }
        int end = off + len - E8_TAIL;
        int i = off;
        while (i < end) {
            if (buf[i] != (byte) 0xE8) {
                i++;
                continue;
            }
            int curpos = (int) (framePos + (i - off));
            int rel = (buf[i + 1] & 0xFF) | (buf[i + 2] & 0xFF) << 8 | (buf[i + 3] & 0xFF) << 16 | buf[i + 4] << 24;
            if (rel >= -curpos && rel < e8Size) {
                int abs = rel < e8Size - curpos ? rel + curpos : rel - e8Size;
                buf[i + 1] = (byte) abs;
                buf[i + 2] = (byte) (abs >>> 8);
                buf[i + 3] = (byte) (abs >>> 16);
                buf[i + 4] = (byte) (abs >>> 24);
            }
            i += 5;
        }
    }

    // ---------------------------------------------------------------- parsing

    private void encodeGroup(int groupEnd) throws IOException {
        int frames = 0;
        itemCount = 0;
        literalBase = encPos;
        int[] lp = literalPrefix;
        lp[0] = 0;
        for (int i = encPos, k = 0; i < groupEnd; i++, k++) {
            lp[k + 1] = lp[k] + literalBits[buf[i] & 0xFF];
        }
        // Translate every frame first: hashing near a frame's end reads the next frame's bytes.
        for (int fs = encPos; fs < groupEnd; fs += FRAME_SIZE) {
            e8Translate(fs, Math.min(fs + FRAME_SIZE, groupEnd));
        }
        for (int fs = encPos; fs < groupEnd; fs += FRAME_SIZE) {
            int fe = Math.min(fs + FRAME_SIZE, groupEnd);
            frameItemStart[frames] = itemCount;
            if (level.optimal) {
                parseFrameOptimal(fs, fe, groupEnd);
            } else if (level == Level.GREEDY) {
                parseFrameGreedy(fs, fe, groupEnd);
            } else {
                parseFrame(fs, fe, groupEnd);
            }
            frameReps[frames][0] = r0;
            frameReps[frames][1] = r1;
            frameReps[frames][2] = r2;
            frames++;
        }
        frameItemStart[frames] = itemCount;
        emitFrames(encPos, groupEnd, frames);
        encPos = groupEnd;
    }

    private static int read4(byte[] b, int p) {
        return (int) INT_LE.get(b, p);
    }

    private static int longHash(byte[] b, int p) {
        return (int) (((long) LONG_LE.get(b, p) * 0x9E3779B97F4A7C15L) >>> (64 - LONG_BITS));
    }

    /** Hash of the first 3 bytes of a little-endian 4-byte read. */
    private static int hash3(int v) {
        return ((v << 8) * 0x9E3779B1) >>> (32 - H3_BITS);
    }

    private static int bucketHash(int v) {
        return (v * 0x9E3779B1) >>> (32 - BUCKET_BITS);
    }

    /** {@link Level#GREEDY}'s hash of a 4-byte value. */
    private static int greedyHash(int v) {
        return (v * 0x9E3779B1) >>> (32 - GREEDY_BITS);
    }

    /** Bits of the 4-byte value's hash below the bucket's, kept beside the position to skip most strangers unread. */
    private static int bucketTag(int v) {
        return ((v * 0x9E3779B1) >>> (32 - BUCKET_BITS - TAG_BITS)) & TAG_MASK;
    }

    /**
     * Inserts positions up to (excluding) {@code p} into the hash tables: a bucket holds 4-byte
     * matches only, which keeps it useful in code-like data (shorter matches come from the
     * repeated offsets).
     */
    private void insertUpTo(int p, int dataEnd) {
        int limit = Math.min(p, dataEnd - 3);
        byte[] b = buf;
        int[] t = bucket;
        byte[] next = bucketNext;
        int mask = ways - 1;
        int longLimit = Math.min(limit, dataEnd - 7);
        for (int i = hashedUpTo; i < longLimit; i++) {
            longHead[longHash(b, i)] = i;
        }
        for (int i = hashedUpTo; i < limit; i++) {
            int v = read4(b, i);
            int h = bucketHash(v);
            int slot = next[h];
            next[h] = (byte) ((slot + 1) & mask);
            t[h * ways + slot] = i << TAG_BITS | bucketTag(v);
            if (near3 > 0) {
                head3[hash3(v)] = i;
            }
        }
        if (limit > hashedUpTo) {
            hashedUpTo = limit;
        }
    }

    /** Prices for the parser (see {@link #explicitGain}): sixteenths of a bit per literal, bits per symbol. */
    private int literalCost = 16 * 7;
    /** Per byte value, its literal's cost in the last block (sixteenths of a bit). */
    private final int[] literalBits = new int[NUM_CHARS];
    /**
     * Prefix sums of the literal costs of the current group's bytes, so that a match is weighed
     * against the literals it really replaces (rare bytes are dear, common ones cheap).
     */
    private int[] literalPrefix;
    private int literalBase;
    private final int[] symbolCost;
    private final int[] lengthCost = new int[LENGTH_TREE_ELEMENTS];

    /** What a symbol absent from the last block is assumed to cost: dear, but not prohibitive. */
    private static final int UNUSED_SYMBOL_BITS = 12;

    /** Sixteenths of a bit a lazy match one byte later must gain beyond the current one. */
    private static final int LAZY_MARGIN = 16;
    /**
     * Sixteenths of a bit per byte by which the later match reaches past the current one: those
     * bytes would otherwise be coded by the match after the current one, saving about that much.
     */
    private static final int LAZY_MARGIN_PER_BYTE = 24;

    /** Consecutive searches that found nothing. */
    private int misses;

    // Result of findMatch: length (0 if none), and the offset code (0..2 repeat index, else formatted offset).
    private int foundLen;
    private int foundCode;
    private int foundScore;

    private void findMatch(int p, int fe, int dataEnd) {
        insertUpTo(p, dataEnd);
        foundLen = 0;
        foundCode = 0;
        foundScore = 0;
        int maxLen = Math.min(MAX_MATCH, fe - p);
        if (maxLen < MIN_MATCH) {
            insertUpTo(p + 1, dataEnd);
            return;
        }
        long avail = base + p;
        int maxOff = (int) Math.min(windowSize - OFFSET_MARGIN, avail);
        byte[] b = buf;
        // Repeated offsets first: they cost no offset bits.
        int repLen = 0;
        int repIdx = 0;
        for (int k = 0; k < 3; k++) {
            int off = k == 0 ? r0 : k == 1 ? r1 : r2;
            if (off > maxOff) {
                continue;
            }
            int c = p - off;
            if (b[c] != b[p] || b[c + 1] != b[p + 1]) {
                continue;
            }
            int l = matchLength(b, c, p, maxLen);
            if (l > repLen) {
                repLen = l;
                repIdx = k;
            }
        }
        int bestLen = 0;
        int bestOff = 0;
        int bestGain = 0;
        if (maxLen >= 4 && p + 3 < dataEnd) {
            int limit = p - maxOff;
            int nice = Math.min(level.niceLength, maxLen);
            if (repLen < nice) {
                int[] t = bucket;
                int cur = read4(b, p);
                // Both table loads first, so that their cache misses overlap.
                int longCand = p + 7 < dataEnd && maxLen >= 8 ? longHead[longHash(b, p)] : -1;
                int h = bucketHash(cur);
                int tag = bucketTag(cur);
                int row = h * ways;
                int mask = ways - 1;
                int slot = bucketNext[h];
                // Every position with this 4-byte hash from here on was looked at in the bucket.
                int covered = limit;
                for (int k = 0; k < ways; k++) {
                    slot = (slot - 1) & mask;
                    int e = t[row + slot];
                    int cand = e >>> TAG_BITS;
                    if (cand < limit) {
                        break; // newest first: the rest are older still (or empty)
                    }
                    covered = cand;
                    if ((e & TAG_MASK) != tag || read4(b, cand) != cur || b[cand + bestLen] != b[p + bestLen]) {
                        continue;
                    }
                    int l = 4 + matchLength(b, cand + 4, p + 4, maxLen - 4);
                    if (l > bestLen) {
                        int g = explicitGain(p, l, p - cand);
                        if (g > bestGain) {
                            bestGain = g;
                            bestLen = l;
                            bestOff = p - cand;
                            if (l >= nice) {
                                break;
                            }
                        }
                    }
                }
                // The newest position of the 8-byte hash, unless the bucket has looked at it
                // already: with the same first 4 bytes and not older than the bucket's oldest, it
                // is in the bucket (this saves reading buf there, a cache miss).
                if (longCand >= limit && longCand < covered && bestLen < nice && read4(b, longCand) == cur) {
                    int l = 4 + matchLength(b, longCand + 4, p + 4, maxLen - 4);
                    if (l > bestLen) {
                        int g = explicitGain(p, l, p - longCand);
                        if (g > bestGain) {
                            bestGain = g;
                            bestLen = l;
                            bestOff = p - longCand;
                        }
                    }
                }
            }
        }
        if (bestLen < 4 && repLen < 3 && near3 > 0 && maxLen >= 3 && p + 3 < dataEnd) {
            int cand = head3[hash3(read4(b, p))];
            if (cand >= 0 && cand < p && p - cand <= near3 && p - cand <= maxOff
                    && b[cand] == b[p] && b[cand + 1] == b[p + 1] && b[cand + 2] == b[p + 2]) {
                int l = 3 + matchLength(b, cand + 3, p + 3, maxLen - 3);
                int g = explicitGain(p, l, p - cand);
                if (g > bestGain) {
                    bestGain = g;
                    bestLen = l;
                    bestOff = p - cand;
                }
            }
        }
        insertUpTo(p + 1, dataEnd);
        int repGain = repLen >= MIN_MATCH ? repGain(p, repLen, repIdx) : 0;
        if (repGain > 0 && repGain >= bestGain) {
            foundLen = repLen;
            foundCode = repIdx;
            foundScore = repGain;
        } else if (bestGain > 0) {
            foundLen = bestLen;
            foundCode = bestOff + 2;
            foundScore = bestGain;
        }
    }

    /**
     * Bits (in sixteenths) saved by a match against coding its bytes as literals, priced with
     * the code lengths of the previous block: the average literal, the match's main symbol,
     * its length symbol when longer than 8, and the extra offset bits of its position slot.
     * Used to pick among candidates and for the lazy decision, so that a slightly longer match
     * far away does not beat a near one, and so that text (cheap literals) and code (dear ones)
     * are parsed differently.
     */
    private int explicitGain(int p, int len, int off) {
        int slot = slotOf(off + 2);
        return literalsCost(p, len) - matchCost(slot, len) - 16 * EXTRA_BITS[slot];
    }

    private int repGain(int p, int len, int repIdx) {
        return literalsCost(p, len) - matchCost(repIdx, len);
    }

    private int literalsCost(int p, int len) {
        int k = p - literalBase;
        return literalPrefix[k + len] - literalPrefix[k];
    }

    private int matchCost(int slot, int len) {
        int lenCode = len - MIN_MATCH;
        int header = Math.min(lenCode, NUM_PRIMARY_LENGTHS);
        int bits = symbolCost[NUM_CHARS + slot * 8 + header];
        if (header == NUM_PRIMARY_LENGTHS) {
            bits += lengthCost[lenCode - NUM_PRIMARY_LENGTHS];
        }
        return 16 * bits;
    }

    /** Prices the next group's parse with the code lengths of the block just written. */
    private void updateCosts() {
        long litBits = 0;
        long lits = 0;
        for (int c = 0; c < NUM_CHARS; c++) {
            litBits += (long) mainFreq[c] * mainLens[c];
            lits += mainFreq[c];
        }
        literalCost = lits == 0 ? 16 * 8 : (int) Math.max(16, Math.min(16 * 12, 16 * litBits / lits));
        for (int c = 0; c < NUM_CHARS; c++) {
            literalBits[c] = 16 * (mainLens[c] == 0 ? UNUSED_SYMBOL_BITS : mainLens[c]);
        }
        for (int s = NUM_CHARS; s < mainElements; s++) {
            symbolCost[s] = mainLens[s] == 0 ? UNUSED_SYMBOL_BITS : mainLens[s];
        }
        for (int s = 0; s < LENGTH_TREE_ELEMENTS; s++) {
            lengthCost[s] = lenLens[s] == 0 ? UNUSED_SYMBOL_BITS : lenLens[s];
        }
    }

    /** How many bytes at {@code c} and {@code p} agree, up to {@code maxLen}; 8 at a time (most matches are short). */
    private static int matchLength(byte[] b, int c, int p, int maxLen) {
        int n = 0;
        while (n + 8 <= maxLen) {
            long x = (long) LONG_LE.get(b, c + n) ^ (long) LONG_LE.get(b, p + n);
            if (x != 0) {
                return n + (Long.numberOfTrailingZeros(x) >>> 3);
            }
            n += 8;
        }
        while (n < maxLen && b[c + n] == b[p + n]) {
            n++;
        }
        return n;
    }

    private void parseFrame(int fs, int fe, int dataEnd) {
        int p = fs;
        findMatch(p, fe, dataEnd);
        while (p < fe) {
            int len = foundLen;
            if (len < MIN_MATCH) {
                // Incompressible stretches: search ever more sparsely, so that random data costs
                // little time (the positions in between are still inserted, and become literals).
                misses++;
                int step = Math.min(1 + (misses >>> 6), 16);
                for (int k = 0; k < step && p < fe; k++) {
                    addLiteral(p);
                    p++;
                }
                if (p < fe) {
                    findMatch(p, fe, dataEnd);
                }
                continue;
            }
            misses = 0;
            int code = foundCode;
            int score = foundScore;
            if (len < level.maxLazy && len < level.niceLength && p + 1 < fe) {
                findMatch(p + 1, fe, dataEnd);
                // The later match must save more than a bit: a tie is better spent on the match
                // at hand (its literal would cost the bit saved, and the estimate is rough).
                if (foundScore > score + LAZY_MARGIN + LAZY_MARGIN_PER_BYTE * (foundLen + 1 - len)) {
                    addLiteral(p);
                    p++;
                    continue; // the match at p+1 is now current
                }
            }
            addMatch(len, code);
            p += len;
            if (p < fe) {
                findMatch(p, fe, dataEnd);
            }
        }
    }


    /**
     * {@link Level#GREEDY}: at each position the longer of the match at R0 and the match with
     * the newest position of the same 4-byte hash, taken at once; else a literal. Positions
     * inside a match are hashed too, so that the next repeat of a long run is found.
     */
    private void parseFrameGreedy(int fs, int fe, int dataEnd) {
        byte[] b = buf;
        int[] head = greedyHead;
        int p = fs;
        while (p < fe) {
            int maxLen = Math.min(MAX_MATCH, fe - p);
            if (maxLen < 4 || p + 3 >= dataEnd) {
                addLiteral(p);
                p++;
                continue;
            }
            int maxOff = (int) Math.min(windowSize - OFFSET_MARGIN, base + p);
            int repLen = 0;
            if (r0 <= maxOff) {
                int c = p - r0;
                if (b[c] == b[p] && b[c + 1] == b[p + 1] && b[c + 2] == b[p + 2]) {
                    repLen = matchLength(b, c, p, maxLen);
                }
            }
            int v = read4(b, p);
            int h = greedyHash(v);
            int cand = head[h];
            head[h] = p;
            int len = 0;
            if (cand >= 0 && p - cand <= maxOff && read4(b, cand) == v) {
                len = 4 + matchLength(b, cand + 4, p + 4, maxLen - 4);
            }
            if (repLen >= 3 && repLen + 1 >= len) {
                addMatch(repLen, 0);
                len = repLen;
            } else if (len >= 4) {
                addMatch(len, p - cand + 2);
            } else {
                addLiteral(p);
                p++;
                continue;
            }
            int end = Math.min(p + len, dataEnd - 3);
            for (int q = p + 1; q < end; q++) {
                head[greedyHash(read4(b, q))] = q;
            }
            p += len;
        }
    }

    // ---------------------------------------------------------------- near-optimal parsing

    /** Per node (position in the frame): cheapest cost to reach it (sixteenths of a bit). */
    private final int[] optCost = new int[FRAME_SIZE + 1];
    /** The step that reaches the node on its cheapest path: its length (1 = literal) and offset code. */
    private final int[] optLen = new int[FRAME_SIZE + 1];
    private final int[] optCode = new int[FRAME_SIZE + 1];
    /** The repeated offsets after the cheapest path to the node (filled when the node is expanded). */
    private final int[] optR0 = new int[FRAME_SIZE + 1];
    private final int[] optR1 = new int[FRAME_SIZE + 1];
    private final int[] optR2 = new int[FRAME_SIZE + 1];
    /** Explicit-offset candidates at one position: strictly increasing lengths, nearest offset for each. */
    private final int[] candLen = new int[300];
    private final int[] candOff = new int[300];

    /**
     * Finds, for one frame, the sequence of literals and matches of least estimated cost: a
     * shortest path over positions where each literal and each match length of every candidate
     * (the three repeated offsets of the path reaching the position, and the hash candidates)
     * is an edge, priced with the code lengths of the previous block. The repeated offsets are
     * those of the cheapest path to each position (as in wimlib's near-optimal parser), so that
     * the decoder's R0..R2 are tracked exactly along the chosen path. A match of nice length
     * or longer is taken at once, which bounds the work on repetitive data.
     */
    private void parseFrameOptimal(int fs, int fe, int dataEnd) {
        int n = fe - fs;
        int[] cost = optCost;
        int[] lenAt = optLen;
        int[] codeAt = optCode;
        Arrays.fill(cost, 1, n + 1, Integer.MAX_VALUE);
        cost[0] = 0;
        optR0[0] = r0;
        optR1[0] = r1;
        optR2[0] = r2;
        byte[] b = buf;
        int nice = level.niceLength;
        int i = 0;
        while (i < n) {
            int q = fs + i;
            int c = cost[i];
            if (i > 0) {
                // The repeated offsets after the cheapest path to this node.
                int from = i - lenAt[i];
                int code = codeAt[i];
                int a0 = optR0[from];
                int a1 = optR1[from];
                int a2 = optR2[from];
                if (lenAt[i] > 1) {
                    if (code == 1) {
                        int t = a0;
                        a0 = a1;
                        a1 = t;
                    } else if (code == 2) {
                        int t = a0;
                        a0 = a2;
                        a2 = t;
                    } else if (code >= 3) {
                        a2 = a1;
                        a1 = a0;
                        a0 = code - 2;
                    }
                }
                optR0[i] = a0;
                optR1[i] = a1;
                optR2[i] = a2;
            }
            int lit = c + literalBits[b[q] & 0xFF];
            if (lit < cost[i + 1]) {
                cost[i + 1] = lit;
                lenAt[i + 1] = 1;
                codeAt[i + 1] = 0;
            }
            int maxLen = Math.min(MAX_MATCH, fe - q);
            if (maxLen < MIN_MATCH) {
                i++;
                continue;
            }
            int maxOff = (int) Math.min(windowSize - OFFSET_MARGIN, base + q);
            int longest = 0;
            for (int k = 0; k < 3; k++) {
                int off = k == 0 ? optR0[i] : k == 1 ? optR1[i] : optR2[i];
                if (off > maxOff) {
                    continue;
                }
                int m = q - off;
                if (b[m] != b[q] || b[m + 1] != b[q + 1]) {
                    continue;
                }
                int l = matchLength(b, m, q, maxLen);
                int symBase = NUM_CHARS + k * 8;
                for (int len = MIN_MATCH; len <= l; len++) {
                    int lc = len - MIN_MATCH;
                    int bits = lc < NUM_PRIMARY_LENGTHS ? symbolCost[symBase + lc]
                            : symbolCost[symBase + NUM_PRIMARY_LENGTHS] + lengthCost[lc - NUM_PRIMARY_LENGTHS];
                    int v = c + 16 * bits;
                    if (v < cost[i + len]) {
                        cost[i + len] = v;
                        lenAt[i + len] = len;
                        codeAt[i + len] = k;
                    }
                }
                if (l > longest) {
                    longest = l;
                }
            }
            int longCode = 0;
            if (longest >= nice) {
                for (int k = 0; k < 3; k++) {
                    int off = k == 0 ? optR0[i] : k == 1 ? optR1[i] : optR2[i];
                    if (off <= maxOff && matchLength(b, q - off, q, maxLen) == longest) {
                        longCode = k;
                        break;
                    }
                }
            }
            int found = longest >= nice ? 0 : collectMatches(q, maxLen, maxOff, dataEnd);
            int lo = 3;
            for (int j = 0; j < found; j++) {
                int l = candLen[j];
                int off = candOff[j];
                int slot = slotOf(off + 2);
                int symBase = NUM_CHARS + slot * 8;
                int v0 = c + 16 * EXTRA_BITS[slot];
                for (int len = lo; len <= l; len++) {
                    int lc = len - MIN_MATCH;
                    int bits = lc < NUM_PRIMARY_LENGTHS ? symbolCost[symBase + lc]
                            : symbolCost[symBase + NUM_PRIMARY_LENGTHS] + lengthCost[lc - NUM_PRIMARY_LENGTHS];
                    int v = v0 + 16 * bits;
                    if (v < cost[i + len]) {
                        cost[i + len] = v;
                        lenAt[i + len] = len;
                        codeAt[i + len] = off + 2;
                    }
                }
                lo = l + 1;
                if (l > longest) {
                    longest = l;
                    longCode = off + 2;
                }
            }
            if (longest >= nice) {
                // Take the long match: jump past it (its end node was relaxed above).
                // Take the long match: its end is reached through it, whatever was cheaper
                // (the nodes it jumps over are never expanded).
                int t = i + longest;
                cost[t] = c + (longCode < 3 ? matchCost(longCode, longest)
                        : matchCost(slotOf(longCode), longest) + 16 * EXTRA_BITS[slotOf(longCode)]);
                lenAt[t] = longest;
                codeAt[t] = longCode;
                i = t;
                continue;
            }
            i++;
        }
        // Back from the frame end: the steps of the cheapest path, then emitted in order.
        int steps = 0;
        int[] path = candPath;
        for (int t = n; t > 0; t -= lenAt[t]) {
            path[steps++] = t;
        }
        for (int s2 = steps - 1; s2 >= 0; s2--) {
            int t = path[s2];
            int len = lenAt[t];
            if (len == 1) {
                addLiteral(fs + t - 1);
            } else {
                addMatch(len, codeAt[t]);
            }
        }
    }

    private final int[] candPath = new int[FRAME_SIZE + 1];

    /**
     * Fills {@link #candLen}/{@link #candOff} with the explicit-offset matches at {@code p}, each
     * longer than the one before (so each is the nearest of its length among the candidates),
     * and inserts {@code p} into the hash tables. Returns how many.
     */
    private int collectMatches(int p, int maxLen, int maxOff, int dataEnd) {
        insertUpTo(p, dataEnd);
        int found = 0;
        byte[] b = buf;
        if (maxLen >= 4 && p + 3 < dataEnd) {
            int limit = p - maxOff;
            int nice = Math.min(level.niceLength, maxLen);
            int[] t = bucket;
            int cur = read4(b, p);
            int bestLen = 3;
            int h = bucketHash(cur);
            int tag = bucketTag(cur);
            int row = h * ways;
            int mask = ways - 1;
            int slot = bucketNext[h];
            for (int k = 0; k < ways; k++) {
                slot = (slot - 1) & mask;
                int e = t[row + slot];
                int cand = e >>> TAG_BITS;
                if (cand < limit) {
                    break;
                }
                if ((e & TAG_MASK) != tag || read4(b, cand) != cur || b[cand + bestLen] != b[p + bestLen]) {
                    continue;
                }
                int l = 4 + matchLength(b, cand + 4, p + 4, maxLen - 4);
                if (l > bestLen) {
                    bestLen = l;
                    candLen[found] = l;
                    candOff[found] = p - cand;
                    found++;
                    if (l >= nice) {
                        break;
                    }
                }
            }
            if (bestLen < nice && p + 7 < dataEnd && maxLen >= 8) {
                int cand = longHead[longHash(b, p)];
                if (cand >= limit && cand >= 0 && read4(b, cand) == cur) {
                    int l = 4 + matchLength(b, cand + 4, p + 4, maxLen - 4);
                    if (l > bestLen) {
                        candLen[found] = l;
                        candOff[found] = p - cand;
                        found++;
                    }
                }
            }
        }
        insertUpTo(p + 1, dataEnd);
        return found;
    }

    private void addLiteral(int p) {
        items[itemCount++] = buf[p] & 0xFF;
    }

    private void addMatch(int len, int code) {
        items[itemCount++] = MATCH_FLAG | (len - MIN_MATCH) << LEN_SHIFT | code;
        // The decoder's repeated-offset update.
        switch (code) {
            case 0:
                break;
            case 1: {
                int t = r1;
                r1 = r0;
                r0 = t;
                break;
            }
            case 2: {
                int t = r2;
                r2 = r0;
                r0 = t;
                break;
            }
            default:
                r2 = r1;
                r1 = r0;
                r0 = code - 2;
                break;
        }
    }

    /** The position slot of a formatted offset (offset + 2, at least 3). */
    static int slotOf(int formatted) {
        if (formatted < 4) {
            return formatted;
        }
        // Without a branch on the offset's size: the first file an encoder compresses may have no
        // offset of 512 KiB or more, and a branch never taken there would make the JIT discard the
        // match finder's compiled code at the first such offset of a later file.
        int h = 31 - Integer.numberOfLeadingZeros(formatted);
        int small = 2 * h + ((formatted >>> (h - 1)) & 1);
        int large = 38 + ((formatted - (1 << 19)) >>> 17);
        int isSmall = (formatted - (1 << 19)) >> 31; // -1 below 512 KiB, else 0
        return small & isSmall | large & ~isSmall;
    }

    // ---------------------------------------------------------------- block output

    private void countFreqs(int fromItem, int toItem) {
        Arrays.fill(mainFreq, 0);
        Arrays.fill(lenFreq, 0);
        Arrays.fill(alignedFreq, 0);
        for (int i = fromItem; i < toItem; i++) {
            int it = items[i];
            if (it >= 0) {
                mainFreq[it]++;
                continue;
            }
            int lenCode = (it >>> LEN_SHIFT) & 0xFF;
            int code = it & OFF_MASK;
            int slot = code < 3 ? code : slotOf(code);
            int header = Math.min(lenCode, NUM_PRIMARY_LENGTHS);
            mainFreq[NUM_CHARS + slot * 8 + header]++;
            if (header == NUM_PRIMARY_LENGTHS) {
                lenFreq[lenCode - NUM_PRIMARY_LENGTHS]++;
            }
            if (code >= 3 && EXTRA_BITS[slot] >= 3) {
                alignedFreq[(code - POSITION_BASE[slot]) & 7]++;
            }
        }
    }

    /** Extra offset bits of the items, all coded verbatim. */
    private long verbatimExtraBits(int fromItem, int toItem) {
        long bits = 0;
        for (int i = fromItem; i < toItem; i++) {
            int it = items[i];
            if (it < 0) {
                int code = it & OFF_MASK;
                if (code >= 3) {
                    bits += EXTRA_BITS[slotOf(code)];
                }
            }
        }
        return bits;
    }

    private static long cost(int[] freq, int[] lens, int n) {
        long bits = 0;
        for (int s = 0; s < n; s++) {
            bits += (long) freq[s] * lens[s];
        }
        return bits;
    }

    private void buildTrees() {
        HuffmanCodeBuilder.buildLengths(mainFreq, mainElements, MAX_CODE_LENGTH, mainLens);
        HuffmanCodeBuilder.buildLengths(lenFreq, LENGTH_TREE_ELEMENTS, MAX_CODE_LENGTH, lenLens);
        HuffmanCodeBuilder.buildLengths(alignedFreq, ALIGNED_ELEMENTS, (1 << ALIGNED_LENGTH_BITS) - 1, alignedLens);
    }

    /** Estimated bits of a verbatim block for the items (tree costs not included). */
    private long estimateBits(int fromItem, int toItem) {
        countFreqs(fromItem, toItem);
        buildTrees();
        return cost(mainFreq, mainLens, mainElements) + cost(lenFreq, lenLens, LENGTH_TREE_ELEMENTS)
                + verbatimExtraBits(fromItem, toItem);
    }

    private void emitFrames(int start, int end, int frames) throws IOException {
        // Frames that do not compress become uncompressed blocks (only with an even length: an
        // odd uncompressed block needs a padding byte that some readers expect in the next frame).
        boolean[] raw = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            int fs = start + f * FRAME_SIZE;
            int flen = Math.min(FRAME_SIZE, end - fs);
            if ((flen & 1) == 0) {
                long bits = estimateBits(frameItemStart[f], frameItemStart[f + 1]);
                raw[f] = bits / 8 + 64 >= flen;
            }
        }
        int f = 0;
        while (f < frames) {
            int fs = start + f * FRAME_SIZE;
            if (raw[f]) {
                int flen = Math.min(FRAME_SIZE, end - fs);
                writeStreamHeaderOnce();
                writeUncompressedBlock(fs, flen, frameReps[f]);
                finishFrame(flen);
                f++;
                continue;
            }
            int g = f;
            while (g < frames && !raw[g]) {
                g++;
            }
            writeCompressedBlock(start, end, f, g);
            f = g;
        }
    }

    private void writeStreamHeaderOnce() {
        if (headerWritten) {
            return;
        }
        headerWritten = true;
        if (e8Size != 0) {
            out.writeBits(1, 1);
            out.writeBits(e8Size >>> 16, 16);
            out.writeBits(e8Size & 0xFFFF, 16);
        } else {
            out.writeBits(0, 1);
        }
    }

    private void writeBlockHeader(int type, int size) {
        out.writeBits(type, 3);
        out.writeBits(size >>> 8, 16);
        out.writeBits(size & 0xFF, 8);
    }

    private void writeUncompressedBlock(int fs, int flen, int[] reps) {
        writeBlockHeader(BLOCKTYPE_UNCOMPRESSED, flen);
        out.padForUncompressed();
        out.writeRawInt(reps[0]);
        out.writeRawInt(reps[1]);
        out.writeRawInt(reps[2]);
        out.writeRawBytes(buf, fs, flen);
    }

    private void finishFrame(int uncompressedLen) throws IOException {
        out.alignToWord();
        sink.frame(out.buffer(), 0, out.size(), uncompressedLen);
        out.reset();
    }

    private void writeCompressedBlock(int start, int end, int f0, int f1) throws IOException {
        int from = frameItemStart[f0];
        int to = frameItemStart[f1];
        int bs = start + f0 * FRAME_SIZE;
        int be = Math.min(start + f1 * FRAME_SIZE, end);
        countFreqs(from, to);
        buildTrees();
        // Aligned-offset block when coding the low 3 offset bits with a tree beats 3 bits each.
        long alignedCount = 0;
        for (int s = 0; s < ALIGNED_ELEMENTS; s++) {
            alignedCount += alignedFreq[s];
        }
        boolean aligned = alignedCount > 0
                && cost(alignedFreq, alignedLens, ALIGNED_ELEMENTS) + ALIGNED_ELEMENTS * ALIGNED_LENGTH_BITS < alignedCount * 3;
        HuffmanCodeBuilder.canonicalCodes(mainLens, mainElements, MAX_CODE_LENGTH, mainCodes);
        HuffmanCodeBuilder.canonicalCodes(lenLens, LENGTH_TREE_ELEMENTS, MAX_CODE_LENGTH, lenCodes);
        HuffmanCodeBuilder.canonicalCodes(alignedLens, ALIGNED_ELEMENTS, 7, alignedCodes);

        writeStreamHeaderOnce();
        writeBlockHeader(aligned ? BLOCKTYPE_ALIGNED : BLOCKTYPE_VERBATIM, be - bs);
        if (aligned) {
            for (int s = 0; s < ALIGNED_ELEMENTS; s++) {
                out.writeBits(alignedLens[s], ALIGNED_LENGTH_BITS);
            }
        }
        writeLengths(mainLens, prevMainLens, 0, NUM_CHARS);
        writeLengths(mainLens, prevMainLens, NUM_CHARS, mainElements);
        writeLengths(lenLens, prevLenLens, 0, LENGTH_TREE_ELEMENTS);
        System.arraycopy(mainLens, 0, prevMainLens, 0, mainElements);
        System.arraycopy(lenLens, 0, prevLenLens, 0, LENGTH_TREE_ELEMENTS);
        updateCosts();

        for (int f = f0; f < f1; f++) {
            int fs = start + f * FRAME_SIZE;
            int flen = Math.min(FRAME_SIZE, end - fs);
            writeItems(frameItemStart[f], frameItemStart[f + 1], aligned);
            finishFrame(flen);
        }
    }

    private void writeItems(int from, int to, boolean aligned) {
        LzxBitWriter w = out;
        for (int i = from; i < to; i++) {
            int it = items[i];
            if (it >= 0) {
                w.writeBits(mainCodes[it], mainLens[it]);
                continue;
            }
            int lenCode = (it >>> LEN_SHIFT) & 0xFF;
            int code = it & OFF_MASK;
            int slot = code < 3 ? code : slotOf(code);
            int header = Math.min(lenCode, NUM_PRIMARY_LENGTHS);
            int sym = NUM_CHARS + slot * 8 + header;
            w.writeBits(mainCodes[sym], mainLens[sym]);
            if (header == NUM_PRIMARY_LENGTHS) {
                int ls = lenCode - NUM_PRIMARY_LENGTHS;
                w.writeBits(lenCodes[ls], lenLens[ls]);
            }
            if (code >= 3) {
                int extra = EXTRA_BITS[slot];
                int v = code - POSITION_BASE[slot];
                if (aligned && extra >= 3) {
                    w.writeBits(v >>> 3, extra - 3);
                    int a = v & 7;
                    w.writeBits(alignedCodes[a], alignedLens[a]);
                } else {
                    w.writeBits(v, extra);
                }
            }
        }
    }

    // Pretree tokens of one tree segment: symbol, extra bits value and count, and for
    // PRETREE_SAME_RUN the delta symbol that follows.
    private final int[] tokSym = new int[1024];
    private final int[] tokExtra = new int[1024];
    private final int[] tokExtraBits = new int[1024];
    private final int[] tokDelta = new int[1024];
    private final int[] preFreq = new int[PRETREE_ELEMENTS];
    private final int[] preLens = new int[PRETREE_ELEMENTS];
    private final int[] preCodes = new int[PRETREE_ELEMENTS];

    private static int delta(int oldLen, int newLen) {
        return (oldLen - newLen + 17) % 17;
    }

    /** Writes lens[from..to) as pretree-coded deltas against the previous block's lengths. */
    private void writeLengths(int[] lens, int[] old, int from, int to) {
        int n = 0;
        int i = from;
        while (i < to) {
            int v = lens[i];
            int run = 1;
            while (i + run < to && lens[i + run] == v) {
                run++;
            }
            int j = i;
            int r = run;
            if (v == 0 && r >= 4) {
                while (r >= 20) {
                    int k = Math.min(r, 51);
                    n = token(n, PRETREE_ZEROS_LONG, k - 20, 5, 0);
                    r -= k;
                    j += k;
                }
                if (r >= 4) {
                    n = token(n, PRETREE_ZEROS_SHORT, r - 4, 4, 0);
                    j += r;
                    r = 0;
                }
            } else {
                while (r >= 4) {
                    int k = Math.min(r, 5);
                    n = token(n, PRETREE_SAME_RUN, k - 4, 1, delta(old[j], v));
                    r -= k;
                    j += k;
                }
            }
            for (; r > 0; r--, j++) {
                n = token(n, delta(old[j], v), 0, 0, 0);
            }
            i += run;
        }
        Arrays.fill(preFreq, 0);
        for (int t = 0; t < n; t++) {
            preFreq[tokSym[t]]++;
            if (tokSym[t] == PRETREE_SAME_RUN) {
                preFreq[tokDelta[t]]++;
            }
        }
        HuffmanCodeBuilder.buildLengths(preFreq, PRETREE_ELEMENTS, (1 << PRETREE_LENGTH_BITS) - 1, preLens);
        HuffmanCodeBuilder.canonicalCodes(preLens, PRETREE_ELEMENTS, 15, preCodes);
        for (int s = 0; s < PRETREE_ELEMENTS; s++) {
            out.writeBits(preLens[s], PRETREE_LENGTH_BITS);
        }
        for (int t = 0; t < n; t++) {
            int s = tokSym[t];
            out.writeBits(preCodes[s], preLens[s]);
            if (tokExtraBits[t] > 0) {
                out.writeBits(tokExtra[t], tokExtraBits[t]);
            }
            if (s == PRETREE_SAME_RUN) {
                int d = tokDelta[t];
                out.writeBits(preCodes[d], preLens[d]);
            }
        }
    }

    private int token(int n, int sym, int extra, int extraBits, int deltaSym) {
        tokSym[n] = sym;
        tokExtra[n] = extra;
        tokExtraBits[n] = extraBits;
        tokDelta[n] = deltaSym;
        return n + 1;
    }
}
