package dev.slipstream.core.codec.quantum;

import dev.slipstream.core.codec.BlockDecoder;
import java.util.zip.DataFormatException;

/**
 * The Quantum decoder (David Stafford's arithmetic-coded LZ77, cabinet compression type 2) with
 * windows of 2^10 to 2^21 bytes. Each CFDATA block is one frame: the arithmetic coder restarts at
 * every block, while the adaptive models and the window run on through the folder.
 *
 * <p>The arithmetic, the model updates (including the exact selection-sort order of a rescale)
 * and the position and length tables follow the format as Windows and libmspack decode it, so the
 * output is bit-identical to cabextract's. Garbage cannot loop: every step emits at least one
 * byte of a frame whose size is fixed, the coder's renormalisation ends within 16 shifts, and a
 * frame may not read more than a few bytes past its input.
 */
public final class QuantumDecoder implements BlockDecoder {

    public static final int MIN_WINDOW_BITS = 10;
    public static final int MAX_WINDOW_BITS = 21;

    private static final int[] POSITION_BASE = new int[42];
    private static final int[] POSITION_EXTRA = new int[42];
    private static final int[] LENGTH_BASE = new int[27];
    private static final int[] LENGTH_EXTRA = new int[27];

    static {
        for (int i = 0; i < 42; i++) {
            POSITION_EXTRA[i] = i < 4 ? 0 : i / 2 - 1;
            if (i > 0) {
                POSITION_BASE[i] = POSITION_BASE[i - 1] + (1 << POSITION_EXTRA[i - 1]);
            }
        }
        for (int i = 0; i < 27; i++) {
            LENGTH_EXTRA[i] = i < 6 || i == 26 ? 0 : (i - 2) / 4;
            if (i > 0) {
                LENGTH_BASE[i] = LENGTH_BASE[i - 1] + (1 << LENGTH_EXTRA[i - 1]);
            }
        }
    }

    /** How far past its input a frame may read (the coder looks ahead up to 16 bits). */
    private static final int OVERREAD_ALLOWED = 4;
    private static final int FRAME_SIZE = 32_768;

    private final int windowSize;
    private final int windowMask;
    private final byte[] window;
    private int windowPos;

    private final Model[] literals = new Model[4];
    private final Model position4;
    private final Model position5;
    private final Model position6;
    private final Model length6;
    private final Model selector;

    // bit input of the current frame
    private byte[] in;
    private int inLen;
    private int inPos;
    private int bitBuf;
    private int bitsLeft;
    private int overread;

    // arithmetic coder
    private int high;
    private int low;
    private int code;

    public QuantumDecoder(int windowBits) {
        if (windowBits < MIN_WINDOW_BITS || windowBits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("Quantum window bits must be 10..21, not " + windowBits);
        }
        this.windowSize = 1 << windowBits;
        this.windowMask = windowSize - 1;
        this.window = new byte[windowSize];
        int slots = windowBits * 2;
        for (int i = 0; i < 4; i++) {
            literals[i] = new Model(i * 64, 64);
        }
        position4 = new Model(0, Math.min(slots, 24));
        position5 = new Model(0, Math.min(slots, 36));
        position6 = new Model(0, slots);
        length6 = new Model(0, 27);
        selector = new Model(0, 7);
    }

    @Override
    public void reset() {
        windowPos = 0;
        java.util.Arrays.fill(window, (byte) 0);
        for (Model m : literals) {
            m.init();
        }
        position4.init();
        position5.init();
        position6.init();
        length6.init();
        selector.init();
    }

    @Override
    public void decode(byte[] src, int srcLen, byte[] out, int outLen) throws DataFormatException {
        if (outLen < 0 || outLen > MAX_BLOCK_SIZE) {
            throw new DataFormatException("a Quantum frame holds at most 32768 bytes, this block declares " + outLen);
        }
        in = src;
        inLen = srcLen;
        inPos = 0;
        bitBuf = 0;
        bitsLeft = 0;
        overread = 0;
        if (outLen == 0) {
            return;
        }
        high = 0xFFFF;
        low = 0;
        code = readBits(16);

        // A frame is 32 KiB; only the folder's last block is shorter, and there a final match may
        // run past the declared size into the rest of the frame: decoded, kept in the window, not output.
        int n = 0;
        while (n < outLen) {
            int sel = symbol(selector);
            if (sel < 4) {
                byte b = (byte) symbol(literals[sel]);
                window[windowPos] = b;
                windowPos = (windowPos + 1) & windowMask;
                out[n++] = b;
                continue;
            }
            int length;
            int offset;
            if (sel == 4) {
                int slot = symbol(position4);
                offset = POSITION_BASE[slot] + readBits(POSITION_EXTRA[slot]) + 1;
                length = 3;
            } else if (sel == 5) {
                int slot = symbol(position5);
                offset = POSITION_BASE[slot] + readBits(POSITION_EXTRA[slot]) + 1;
                length = 4;
            } else {
                int lslot = symbol(length6);
                length = LENGTH_BASE[lslot] + readBits(LENGTH_EXTRA[lslot]) + 5;
                int slot = symbol(position6);
                offset = POSITION_BASE[slot] + readBits(POSITION_EXTRA[slot]) + 1;
            }
            if (length > FRAME_SIZE - n) {
                throw new DataFormatException("a Quantum match runs past the end of its frame");
            }
            if (length > outLen - n && outLen == FRAME_SIZE) {
                throw new DataFormatException("a Quantum match runs past the end of its frame");
            }
            if (offset > windowSize) {
                throw new DataFormatException("a Quantum match reaches " + offset + " bytes back, beyond the "
                        + windowSize + "-byte window");
            }
            int from = (windowPos - offset) & windowMask;
            for (int i = 0; i < length; i++) {
                byte b = window[from];
                window[windowPos] = b;
                if (n < outLen) {
                    out[n] = b;
                }
                n++;
                from = (from + 1) & windowMask;
                windowPos = (windowPos + 1) & windowMask;
            }
        }
        if (overread > OVERREAD_ALLOWED) {
            throw new DataFormatException("the Quantum data ends " + overread + " bytes before the frame does");
        }
    }

    /** Decodes one symbol of {@code m} and updates the model, as the format's GET_SYMBOL does. */
    private int symbol(Model m) throws DataFormatException {
        int[] cum = m.cumFreq;
        int range = ((high - low) & 0xFFFF) + 1;
        int scaled = (((code - low + 1) * cum[0]) - 1);
        int target = Integer.divideUnsigned(scaled, range) & 0xFFFF;
        int i = 1;
        while (i < m.entries && cum[i] > target) {
            i++;
        }
        int sym = m.sym[i - 1];
        long range2 = ((high - low) & 0xFFFFFFFFL) + 1;
        long total = cum[0];
        int newHigh = (int) (low + (cum[i - 1] * range2) / total - 1);
        int newLow = (int) (low + (cum[i] * range2) / total);
        high = newHigh & 0xFFFF;
        low = newLow & 0xFFFF;
        for (int j = i - 1; j >= 0; j--) {
            cum[j] += 8;
        }
        if (cum[0] > 3800) {
            m.rescale();
        }
        for (int guard = 0; ; guard++) {
            if ((low & 0x8000) != (high & 0x8000)) {
                if ((low & 0x4000) != 0 && (high & 0x4000) == 0) {
                    code ^= 0x4000;
                    low &= 0x3FFF;
                    high |= 0x4000;
                } else {
                    break;
                }
            }
            if (guard > 64) {
                throw new DataFormatException("the Quantum arithmetic coder does not settle");
            }
            low = (low << 1) & 0xFFFF;
            high = ((high << 1) | 1) & 0xFFFF;
            code = ((code << 1) | readBits(1)) & 0xFFFF;
        }
        return sym;
    }

    /** Reads {@code n} (0..19) bits, most significant first, from bytes; past the end reads zeros and counts them. */
    private int readBits(int n) {
        if (n == 0) {
            return 0;
        }
        while (bitsLeft < n) {
            int b;
            if (inPos < inLen) {
                b = in[inPos++] & 0xFF;
            } else {
                b = 0;
                overread++;
            }
            bitBuf = (bitBuf << 8) | b;
            bitsLeft += 8;
        }
        bitsLeft -= n;
        return (bitBuf >>> bitsLeft) & ((1 << n) - 1);
    }

    /** An adaptive frequency model: symbols sorted by falling frequency, cumulative counts. */
    private static final class Model {
        final int first;
        final int entries;
        final int[] sym;
        final int[] cumFreq;
        int shiftsLeft;

        Model(int first, int entries) {
            this.first = first;
            this.entries = entries;
            this.sym = new int[entries + 1];
            this.cumFreq = new int[entries + 1];
            init();
        }

        void init() {
            shiftsLeft = 4;
            for (int i = 0; i <= entries; i++) {
                sym[i] = first + i;
                cumFreq[i] = entries - i;
            }
        }

        void rescale() {
            if (--shiftsLeft > 0) {
                for (int i = entries - 1; i >= 0; i--) {
                    cumFreq[i] >>>= 1;
                    if (cumFreq[i] <= cumFreq[i + 1]) {
                        cumFreq[i] = cumFreq[i + 1] + 1;
                    }
                }
                return;
            }
            shiftsLeft = 50;
            for (int i = 0; i < entries; i++) {
                cumFreq[i] -= cumFreq[i + 1];
                cumFreq[i]++;
                cumFreq[i] >>>= 1;
            }
            // An in-place selection sort: the decoder must reorder ties exactly as the encoder did.
            for (int i = 0; i < entries - 1; i++) {
                for (int j = i + 1; j < entries; j++) {
                    if (cumFreq[i] < cumFreq[j]) {
                        int f = cumFreq[i];
                        cumFreq[i] = cumFreq[j];
                        cumFreq[j] = f;
                        int s = sym[i];
                        sym[i] = sym[j];
                        sym[j] = s;
                    }
                }
            }
            for (int i = entries - 1; i >= 0; i--) {
                cumFreq[i] += cumFreq[i + 1];
            }
        }
    }
}
