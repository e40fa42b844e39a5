package dev.slipstream.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Published known answers for every algorithm, as 7-Zip prints them (uppercase hex). */
class KnownAnswerTest {

    private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FIPS_448 =
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII);

    private static String hash(HashAlgorithm a, byte[] data) {
        return FileHasher.hash(data, EnumSet.of(a)).hex(a);
    }

    @Test
    void crc32CheckValue() {
        // The CRC catalogue's check value for CRC-32/ISO-HDLC.
        assertThat(hash(HashAlgorithm.CRC32, CHECK)).isEqualTo("CBF43926");
        assertThat(hash(HashAlgorithm.CRC32, new byte[0])).isEqualTo("00000000");
    }

    @Test
    void crc64IsTheXzVariant() {
        // The CRC catalogue's check value for CRC-64/XZ; ECMA-182 unreflected would give 6C40DF5F0B497347.
        assertThat(hash(HashAlgorithm.CRC64, CHECK)).isEqualTo("995DC9BBDF1939FA");
        assertThat(hash(HashAlgorithm.CRC64, new byte[0])).isEqualTo("0000000000000000");
    }

    @Test
    void sha256FipsVectors() {
        assertThat(hash(HashAlgorithm.SHA256, ABC))
                .isEqualTo("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
        assertThat(hash(HashAlgorithm.SHA256, FIPS_448))
                .isEqualTo("248D6A61D20638B8E5C026930C3E6039A33CE45964FF2167F6ECEDD419DB06C1");
        assertThat(hash(HashAlgorithm.SHA256, new byte[0]))
                .isEqualTo("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
    }

    @Test
    void sha1FipsVectors() {
        assertThat(hash(HashAlgorithm.SHA1, ABC)).isEqualTo("A9993E364706816ABA3E25717850C26C9CD0D89D");
        assertThat(hash(HashAlgorithm.SHA1, FIPS_448)).isEqualTo("84983E441C3BD26EBAAE4AA1F95129E5E54670F1");
        assertThat(hash(HashAlgorithm.SHA1, new byte[0])).isEqualTo("DA39A3EE5E6B4B0D3255BFEF95601890AFD80709");
    }

    @Test
    void blake2spUnkeyedEmptyInput() {
        assertThat(hash(HashAlgorithm.BLAKE2SP, new byte[0]))
                .isEqualTo("DD0E891776933F43C7D032B08A917E25741F8AA9A12C12E1CAC8801500F2CA4F");
    }

    @Test
    void blake2spOfTheCheckStringAs7ZipPrintsIt() {
        // 7-Zip 26.02: 7z h -scrcBLAKE2sp on a file holding "123456789".
        assertThat(hash(HashAlgorithm.BLAKE2SP, CHECK))
                .isEqualTo("D6D3157BD4E809982E0EEA22C5AF5CDDF05473F6ECBE353119591E6CDCB7127E");
    }

    @Test
    void blake2spOfficialKeyedVectors() throws IOException {
        byte[] key = new byte[32];
        byte[] input = new byte[256];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) i;
            if (i < key.length) {
                key[i] = (byte) i;
            }
        }
        List<Integer> lengths = new ArrayList<>();
        for (String[] v : keyedVectors()) {
            int len = Integer.parseInt(v[0]);
            lengths.add(len);
            // All at once, and one byte at a time (every leaf sees many small updates).
            Blake2sp whole = new Blake2sp(key);
            whole.update(input, 0, len);
            assertThat(HexFormat.of().formatHex(whole.digest())).as("length %d", len).isEqualTo(v[1]);
            Blake2sp bytewise = new Blake2sp(key);
            for (int i = 0; i < len; i++) {
                bytewise.update(input, i, 1);
            }
            assertThat(HexFormat.of().formatHex(bytewise.digest())).as("length %d bytewise", len).isEqualTo(v[1]);
        }
        assertThat(lengths).contains(0, 1, 63, 64, 65, 255);
    }

    private static List<String[]> keyedVectors() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(KnownAnswerTest.class.getResourceAsStream("blake2sp-keyed-kat.txt"));
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim().split("\\s+"));
                }
            }
        }
        return out;
    }
}
