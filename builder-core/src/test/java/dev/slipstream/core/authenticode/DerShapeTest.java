package dev.slipstream.core.authenticode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class DerShapeTest {

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void returnsTheLengthOfTheFirstElementAndIgnoresWhatFollows() throws Exception {
        // SEQUENCE { INTEGER 5, SEQUENCE { NULL } } then two padding zeros
        byte[] der = bytes(0x30, 0x07, 0x02, 0x01, 0x05, 0x30, 0x02, 0x05, 0x00, 0, 0);
        assertThat(DerShape.check(der, "x", 0)).isEqualTo(9);
        // The same with indefinite lengths (BER), closed by end-of-contents octets.
        byte[] ber = bytes(0x30, 0x80, 0x02, 0x01, 0x05, 0x30, 0x80, 0x05, 0x00, 0, 0, 0, 0, 0xAA);
        assertThat(DerShape.check(ber, "x", 0)).isEqualTo(13);
        // Long-form lengths and a high tag number.
        byte[] longForm = bytes(0x30, 0x81, 0x04, 0x9F, 0x81, 0x01, 0x00);
        assertThat(DerShape.check(longForm, "x", 0)).isEqualTo(7);
    }

    @Test
    void lengthsBeyondTheirParentAreRejectedWithTheOffset() {
        assertThatThrownBy(() -> DerShape.check(bytes(0x30, 0x05, 0x04, 0x10, 1, 2, 3), "sig", 100))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("sig at offset 102 (0x66): a DER element declares 16 bytes but only 3 remain");
        assertThatThrownBy(() -> DerShape.check(bytes(0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF), "sig", 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("declares 2147483647 bytes");
        assertThatThrownBy(() -> DerShape.check(bytes(0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9), "sig", 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("a DER length takes 9 bytes");
        assertThatThrownBy(() -> DerShape.check(bytes(0x30), "sig", 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cut off");
        assertThatThrownBy(() -> DerShape.check(bytes(0x30, 0x80, 0x02, 0x01, 0x05), "sig", 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("ends inside an element");
        assertThatThrownBy(() -> DerShape.check(bytes(0x04, 0x80, 0, 0), "sig", 0))
                .isInstanceOf(BadInputException.class).hasMessageContaining("primitive DER element has an indefinite length");
    }

    @Test
    void nestingIsBoundedWithoutRecursion() throws Exception {
        ByteArrayOutputStream ok = new ByteArrayOutputStream();
        for (int i = 0; i < DerShape.MAX_DEPTH; i++) {
            ok.write(0x30);
            ok.write(0x80);
        }
        for (int i = 0; i < DerShape.MAX_DEPTH; i++) {
            ok.write(0);
            ok.write(0);
        }
        assertThat(DerShape.check(ok.toByteArray(), "x", 0)).isEqualTo(4 * DerShape.MAX_DEPTH);

        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        for (int i = 0; i < 1_000_000; i++) {
            deep.write(0x30);
            deep.write(0x80);
        }
        assertThatThrownBy(() -> DerShape.check(deep.toByteArray(), "x", 0)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("nest more than " + DerShape.MAX_DEPTH + " deep");
    }
}
