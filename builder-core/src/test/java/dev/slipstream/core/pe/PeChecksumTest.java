package dev.slipstream.core.pe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Correctness against real linkers is in PeReaderTest (GNU ld) and PeImageBuilderTest (osslsigncode). */
class PeChecksumTest {

    @Test
    void theResultDoesNotDependOnHowTheBytesAreFed() {
        byte[] data = new byte[10_001];
        new SplittableRandom(7).nextBytes(data);
        long whole = new PeChecksum(0xD8).update(data).value();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int round = 0; round < 50; round++) {
            PeChecksum c = new PeChecksum(0xD8);
            int pos = 0;
            while (pos < data.length) {
                int n = Math.min(data.length - pos, 1 + rnd.nextInt(300));
                c.update(data, pos, n);
                pos += n;
            }
            assertThat(c.value()).isEqualTo(whole);
        }
    }

    @Test
    void theChecksumFieldItselfDoesNotCount() {
        byte[] a = new byte[1024];
        new SplittableRandom(3).nextBytes(a);
        byte[] b = a.clone();
        for (int i = 0xD8; i < 0xDC; i++) {
            b[i] ^= (byte) 0xA5;
        }
        assertThat(new PeChecksum(0xD8).update(b).value()).isEqualTo(new PeChecksum(0xD8).update(a).value());
        b[0xDC] ^= 1;
        assertThat(new PeChecksum(0xD8).update(b).value()).isNotEqualTo(new PeChecksum(0xD8).update(a).value());
    }

    @Test
    void theLengthIsAdded() {
        assertThat(new PeChecksum(64).update(new byte[100]).value()).isEqualTo(100);
        assertThat(new PeChecksum(64).update(new byte[] {1, 0, 2}).value()).isEqualTo(1 + 2 + 3);
    }
}
