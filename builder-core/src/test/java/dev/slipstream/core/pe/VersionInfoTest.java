package dev.slipstream.core.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * VS_VERSIONINFO blobs written by hand (a small node encoder below), so that each test can break
 * exactly one thing. Whole images with version resources are tested against 7-Zip in the fixtures
 * module (PeImageBuilderTest).
 */
class VersionInfoTest {

    /** Encodes one node: header, key, 32-bit aligned value, aligned children. */
    private static byte[] node(String key, int type, int valueLength, byte[] value, byte[]... children) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[6]);
        out.writeBytes((key + "\0").getBytes(StandardCharsets.UTF_16LE));
        pad(out);
        out.writeBytes(value);
        for (byte[] c : children) {
            pad(out);
            out.writeBytes(c);
        }
        byte[] b = out.toByteArray();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) b.length).putShort(2, (short) valueLength)
                .putShort(4, (short) type);
        return b;
    }

    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }

    private static byte[] text(String key, String value) {
        byte[] v = (value + "\0").getBytes(StandardCharsets.UTF_16LE);
        return node(key, 1, v.length / 2, v);
    }

    private static byte[] fixed(int ms, int ls, int pms, int pls) {
        return ByteBuffer.allocate(52).order(ByteOrder.LITTLE_ENDIAN).putInt(0xFEEF04BD).putInt(0x10000)
                .putInt(ms).putInt(ls).putInt(pms).putInt(pls).putInt(0x3F).putInt(0).putInt(0x40004).putInt(2)
                .putInt(0).putInt(0).putInt(0).array();
    }

    private static byte[] sample(byte[]... strings) {
        byte[] table = node("040904B0", 1, 0, new byte[0], strings);
        byte[] sfi = node("StringFileInfo", 1, 0, new byte[0], table);
        byte[] translation = node("Translation", 0, 4, new byte[] {0x09, 0x04, (byte) 0xB0, 0x04});
        byte[] vfi = node("VarFileInfo", 1, 0, new byte[0], translation);
        return node("VS_VERSION_INFO", 0, 52, fixed(0x00050002, (3790 << 16) | 3959, 0x00050002, 3790 << 16), sfi, vfi);
    }

    private static VersionInfo parse(byte[] blob) throws BadInputException {
        return VersionInfo.parse(ByteBuffer.wrap(blob), "kernel32.dll", 0x1000);
    }

    @Test
    void readsTheFixedVersionsAndTheStrings() throws Exception {
        VersionInfo v = parse(sample(text("FileVersion", "5.2.3790.3959 (srv03_sp2_rtm.070216-1710)"),
                text("OriginalFilename", "kernel32.dll")));
        assertThat(v.fileVersion()).contains(FileVersion.parse("5.2.3790.3959"));
        assertThat(v.productVersion()).contains(FileVersion.parse("5.2.3790.0"));
        assertThat(v.fileVersionString()).contains("5.2.3790.3959 (srv03_sp2_rtm.070216-1710)");
        assertThat(v.string("OriginalFilename")).contains("kernel32.dll");
        assertThat(v.string("Comments")).isEmpty();
        assertThat(v.stringTables()).singleElement().extracting(VersionInfo.StringTable::key).isEqualTo("040904B0");
        assertThat(v.translations()).containsExactly(0x04B00409);
        assertThat(v.fixed().orElseThrow().fileType()).isEqualTo(VersionInfo.FixedFileInfo.VFT_DLL);
    }

    @Test
    void aStringValueLengthThatLiesDoesNotMatterTheValueEndsAtItsNul() throws Exception {
        byte[] s = text("FileVersion", "1.2.3.4");
        ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN).putShort(2, (short) 999);
        assertThat(parse(sample(s)).fileVersionString()).contains("1.2.3.4");
    }

    @Test
    void aChildClaimingMoreThanItsParentHoldsIsAnErrorWithItsOffset() {
        byte[] s = text("FileVersion", "1.2.3.4");
        ByteBuffer.wrap(s).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) 4000);
        byte[] blob = sample(s);
        assertThatThrownBy(() -> parse(blob)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("kernel32.dll at offset")
                .hasMessageContaining("String declares 4000 bytes but its parent holds only")
                .hasMessageContaining("get a fresh copy");
    }

    @Test
    void aRootLongerThanTheResourceIsAnError() {
        byte[] blob = sample(text("FileVersion", "1.2.3.4"));
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) (blob.length + 8));
        assertThatThrownBy(() -> parse(blob)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("VS_VERSIONINFO declares");
    }

    @Test
    void aKeyWithoutItsNulIsAnErrorNotAReadPastTheNode() {
        // A String node of 12 bytes whose key fills it with no terminator.
        byte[] s = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 12).putShort((short) 0)
                .putShort((short) 1).put("ABC".getBytes(StandardCharsets.UTF_16LE)).array();
        assertThatThrownBy(() -> parse(sample(s))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("key is not terminated");
    }

    @Test
    void aWrongFixedSignatureIsAnError() {
        byte[] blob = sample();
        int fixedAt = 6 + 2 * ("VS_VERSION_INFO".length() + 1);
        fixedAt = (fixedAt + 3) & ~3;
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putInt(fixedAt, 0x12345678);
        assertThatThrownBy(() -> parse(blob)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("signature is 0x12345678");
    }

    @Test
    void withoutFixedInfoTheStringsStillCount() throws Exception {
        byte[] table = node("040904B0", 1, 0, new byte[0], text("FileVersion", "3.1"));
        byte[] sfi = node("StringFileInfo", 1, 0, new byte[0], table);
        VersionInfo v = parse(node("VS_VERSION_INFO", 0, 0, new byte[0], sfi));
        assertThat(v.fixed()).isEmpty();
        assertThat(v.fileVersion()).isEmpty();
        assertThat(v.fileVersionString()).contains("3.1");
    }

    @Test
    void zeroLengthPaddingAfterTheLastChildIsAccepted() throws Exception {
        byte[] blob = sample(text("FileVersion", "1.2.3.4"));
        byte[] padded = new byte[blob.length + 16];
        System.arraycopy(blob, 0, padded, 0, blob.length);
        ByteBuffer.wrap(padded).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) padded.length);
        assertThat(parse(padded).fileVersionString()).contains("1.2.3.4");
    }

    @Test
    void somethingElseThanVersionInfoIsRejected() {
        assertThatThrownBy(() -> parse(node("NOT_VERSION", 0, 0, new byte[0]))).isInstanceOf(BadInputException.class)
                .hasMessageContaining("NOT_VERSION");
        assertThatThrownBy(() -> parse(new byte[4])).isInstanceOf(BadInputException.class);
    }
}
