package dev.slipstream.core.codec.mszip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class MszipDecoderTest {

    /** One MSZIP block: "CK", then a raw DEFLATE stream that may refer back into {@code dictionary}. */
    private static byte[] block(byte[] data, byte[] dictionary) {
        Deflater d = new Deflater(9, true);
        if (dictionary != null) {
            d.setDictionary(dictionary);
        }
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('C');
        out.write('K');
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    @Test
    void theSecondBlockReachesBackIntoTheFirst() throws DataFormatException {
        byte[] first = new byte[32_768];
        new Random(7).nextBytes(first);
        byte[] second = Arrays.copyOfRange(first, 12_768, 32_768); // compressible only through the first block
        byte[] b1 = block(first, null);
        byte[] b2 = block(second, first);
        assertThat(b2.length).isLessThan(1_000);
        MszipDecoder d = new MszipDecoder();
        byte[] out = new byte[32_768];
        d.decode(b1, b1.length, out, first.length);
        assertThat(out).isEqualTo(first);
        d.decode(b2, b2.length, out, second.length);
        assertThat(Arrays.copyOf(out, second.length)).isEqualTo(second);
        // without the history, the second block cannot be decoded
        d.reset();
        assertThatThrownBy(() -> d.decode(b2, b2.length, new byte[32_768], second.length)).isInstanceOf(DataFormatException.class);
    }

    @Test
    void aBlockThatDecodesToMoreOrLessThanDeclaredIsRejected() {
        byte[] data = "hello, cabinet".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] b = block(data, null);
        assertThatThrownBy(() -> new MszipDecoder().decode(b, b.length, new byte[32_768], data.length + 1))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("ends after 14 bytes");
        assertThatThrownBy(() -> new MszipDecoder().decode(b, b.length, new byte[32_768], data.length - 1))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("more data");
    }

    @Test
    void theSignatureIsRequired() {
        byte[] b = block(new byte[10], null);
        b[0] = 'X';
        assertThatThrownBy(() -> new MszipDecoder().decode(b, b.length, new byte[32_768], 10))
                .isInstanceOf(DataFormatException.class).hasMessageContaining("CK");
    }
}
