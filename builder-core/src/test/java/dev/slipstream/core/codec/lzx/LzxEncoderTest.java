package dev.slipstream.core.codec.lzx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.cab.CabConstants;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LzxEncoderTest {

    @Test
    void positionSlotsMatchTheSharedTable() {
        for (int slot = 3; slot < LzxConstants.MAX_POSITION_SLOTS; slot++) {
            int first = LzxConstants.POSITION_BASE[slot];
            int last = LzxConstants.POSITION_BASE[slot] + (1 << LzxConstants.EXTRA_BITS[slot]) - 1;
            assertThat(LzxEncoder.slotOf(first)).as("first of slot %d", slot).isEqualTo(slot);
            assertThat(LzxEncoder.slotOf(last)).as("last of slot %d", slot).isEqualTo(slot);
        }
    }

    @Test
    void everyFormattedOffsetFallsInItsSlot() {
        int slot = 0;
        int last = LzxConstants.POSITION_BASE[LzxConstants.MAX_POSITION_SLOTS - 1]
                + (1 << LzxConstants.EXTRA_BITS[LzxConstants.MAX_POSITION_SLOTS - 1]) - 1;
        for (int v = 0; v <= last; v++) {
            while (slot + 1 < LzxConstants.MAX_POSITION_SLOTS && v >= LzxConstants.POSITION_BASE[slot + 1]) {
                slot++;
            }
            if (LzxEncoder.slotOf(v) != slot) {
                assertThat(LzxEncoder.slotOf(v)).as("slot of formatted offset %d", v).isEqualTo(slot);
            }
        }
    }

    /** The decoders' E8 translation, written from libmspack's description, to invert ours. */
    private static void e8Decode(byte[] b, int off, int len, long framePos, int size) {
        if (size == 0 || framePos >= (1 << 30) || len <= 10) {
            return;
        }
        int i = off;
        int end = off + len - 10;
        long curpos = framePos;
        while (i < end) {
            if (b[i++] != (byte) 0xE8) {
                curpos++;
                continue;
            }
            int abs = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
            if (abs >= -curpos && abs < size) {
                int rel = abs >= 0 ? abs - (int) curpos : abs + size;
                b[i] = (byte) rel;
                b[i + 1] = (byte) (rel >>> 8);
                b[i + 2] = (byte) (rel >>> 16);
                b[i + 3] = (byte) (rel >>> 24);
            }
            i += 4;
            curpos += 5;
        }
    }

    @Test
    void e8TranslationIsInvertedByTheDecoderRule() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] positions = {0, 32768, 12_000_000 - 32768, (1L << 30) - 32768, 1L << 30, (1L << 30) + 32768};
        for (long pos : positions) {
            for (int len : new int[] {32768, 11, 10, 5, 1000}) {
                byte[] data = new byte[len];
                for (int i = 0; i < len; i++) {
                    data[i] = rnd.nextInt(3) == 0 ? (byte) 0xE8 : (byte) rnd.nextInt(256);
                    if (data[i] == (byte) 0xE8 && i + 4 < len && rnd.nextBoolean()) {
                        // A plausible call: a small relative target, which the translation must change.
                        int rel = rnd.nextInt(200_000) - 100_000;
                        data[++i] = (byte) rel;
                        data[++i] = (byte) (rel >>> 8);
                        data[++i] = (byte) (rel >>> 16);
                        data[++i] = (byte) (rel >>> 24);
                    }
                }
                byte[] enc = data.clone();
                LzxEncoder.e8Encode(enc, 0, len, pos, 12_000_000);
                if (pos >= (1L << 30) || len <= 10) {
                    assertThat(Arrays.equals(enc, data)).as("untouched at %d/%d", pos, len).isTrue();
                } else if (len > 100) {
                    assertThat(Arrays.equals(enc, data)).as("translated at %d", pos).isFalse();
                }
                // The last 10 bytes of a frame are never changed.
                assertThat(Arrays.copyOfRange(enc, Math.max(0, len - 6), len))
                        .isEqualTo(Arrays.copyOfRange(data, Math.max(0, len - 6), len));
                e8Decode(enc, 0, len, pos, 12_000_000);
                assertThat(Arrays.mismatch(enc, data)).as("round trip at %d/%d", pos, len).isEqualTo(-1);
            }
        }
        byte[] data = new byte[4096];
        Arrays.fill(data, (byte) 0xE8);
        byte[] enc = data.clone();
        LzxEncoder.e8Encode(enc, 0, data.length, 0, 0);
        assertThat(Arrays.equals(enc, data)).as("size 0 disables the translation").isTrue();
    }

    private static List<int[]> frames(byte[] input, int windowBits, LzxEncoder.Level level, ByteArrayOutputStream all)
            throws Exception {
        List<int[]> frames = new ArrayList<>();
        LzxEncoder enc = new LzxEncoder(windowBits, LzxEncoder.DEFAULT_E8_TRANSLATION_SIZE, level, (b, off, len, ulen) -> {
            frames.add(new int[] {len, ulen});
            all.write(b, off, len);
        });
        // Odd write sizes: framing must not depend on how the input arrives.
        SplittableRandom rnd = new SplittableRandom(1);
        int p = 0;
        while (p < input.length) {
            int n = Math.min(input.length - p, 1 + rnd.nextInt(70_000));
            enc.write(input, p, n);
            p += n;
        }
        enc.finish();
        return frames;
    }

    @Test
    void framesAreWordAlignedBoundedAndIndependentOfWriteSizes() throws Exception {
        byte[] input = new byte[300_001];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i < 100_000 ? rnd.nextInt(256) : (i % 97) ^ (rnd.nextInt(64) == 0 ? 1 : 0));
        }
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        List<int[]> frames = frames(input, 16, LzxEncoder.Level.NORMAL, a);
        assertThat(frames).hasSize(10);
        for (int i = 0; i < frames.size(); i++) {
            int[] f = frames.get(i);
            assertThat(f[1]).isEqualTo(i < 9 ? 32768 : 300_001 - 9 * 32768);
            assertThat(f[0] % 2).as("frame %d ends on a 16-bit boundary", i).isZero();
            assertThat(f[0]).isLessThanOrEqualTo(CabConstants.MAX_BLOCK_COMPRESSED);
        }
        // Random frames cost barely more than stored, repetitive ones far less.
        assertThat(frames.get(0)[0]).isBetween(32768, 32768 + 64);
        assertThat(frames.get(8)[0]).isLessThan(8000);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        LzxEncoder enc = new LzxEncoder(16, LzxEncoder.DEFAULT_E8_TRANSLATION_SIZE, LzxEncoder.Level.NORMAL,
                (buf, off, len, ulen) -> b.write(buf, off, len));
        enc.write(input, 0, input.length);
        enc.finish();
        assertThat(b.toByteArray()).isEqualTo(a.toByteArray());
    }

    @Test
    void emptyInputWritesNoFrame() throws Exception {
        List<int[]> frames = frames(new byte[0], 21, LzxEncoder.Level.NORMAL, new ByteArrayOutputStream());
        assertThat(frames).isEmpty();
    }
}
