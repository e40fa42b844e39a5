package dev.slipstream.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Crc64XzTest {

    /** The textbook bit-at-a-time definition, independent of the sliced tables. */
    private static long bitwise(byte[] data) {
        long crc = -1L;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xC96C5795D7870F42L : crc >>> 1;
            }
        }
        return ~crc;
    }

    @Test
    void slicingByEightAgreesWithTheBitwiseDefinitionAtEveryAlignment() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int size = 0; size < 200; size++) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            Crc64Xz crc = new Crc64Xz();
            int split = size == 0 ? 0 : rnd.nextInt(size);
            crc.update(data, 0, split);
            crc.update(data, split, size - split);
            assertThat(crc.value()).as("size %d split at %d", size, split).isEqualTo(bitwise(data));
        }
    }
}
