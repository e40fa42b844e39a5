package dev.slipstream.core.inf;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Broken input gets one clear error naming the line, or documented lenient treatment. */
class InfParserBadInputTest {

    private static InfDocument parse(byte[] b) throws IOException {
        return InfParser.parse(b, "test.inf", InfReadOptions.defaults());
    }

    private static BadInputException failure(byte[] b) {
        try {
            parse(b);
        } catch (BadInputException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for bad input");
    }

    @Test
    void binaryGarbageIsRejectedAtTheFirstControlByte() {
        byte[] garbage = new byte[4096];
        new Random(5).nextBytes(garbage);
        byte[] in = concat("[Version]\r\nSignature=\"$Windows NT$\"\r\n".getBytes(UTF_8), garbage);
        BadInputException e = failure(in);
        assertThat(e.line()).isGreaterThanOrEqualTo(3);
        assertThat(e.getMessage()).contains("test.inf:").contains("not an INF").doesNotContain("Exception");
    }

    @Test
    void aSectionHeaderWithoutClosingBracketIsAnErrorWithItsLine() {
        BadInputException e = failure("[Version]\r\nx=1\r\n[SourceDisksFiles\r\na=b\r\n".getBytes(UTF_8));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("test.inf:3").contains("section header without closing ']'")
                .contains("[SourceDisksFiles");
    }

    @Test
    void anOpenQuoteIsClosedAtTheLineEndLikeSetupDoesAndReported() throws IOException {
        byte[] in = "[Strings]\r\na = \"Audio casco\"\"\r\nb = \"ok\"\r\n".getBytes(UTF_8);
        InfDocument d = parse(in);
        assertThat(d.value("Strings", "a")).contains("Audio casco\"");
        assertThat(d.value("Strings", "b")).contains("ok");
        assertThat(d.warnings()).singleElement().satisfies(w -> {
            assertThat(w.line()).isEqualTo(2);
            assertThat(w.message()).contains("unterminated quote");
        });
        assertThat(d.toBytes()).isEqualTo(in);
    }

    @Test
    void anOpenQuoteIsAnErrorInStrictMode() {
        byte[] in = "[Strings]\r\nx = 1\r\na = \"open\r\n".getBytes(UTF_8);
        assertThatThrownBy(() -> InfParser.parse(in, "s.inf", InfReadOptions.defaults().strictly()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("s.inf:3").hasMessageContaining("unterminated quote starting at column 5");
    }

    @Test
    void utf8FollowedByAnsiIsAMixedEncodingErrorAtTheAnsiLine() {
        byte[] in = concat("[Strings]\r\na = \"Käse\"\r\n".getBytes(UTF_8), "b = \"Café\"\r\n".getBytes(InfEncoding.CP1252));
        BadInputException e = failure(in);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("mixed encodings").contains("line 2 is UTF-8").contains("--encoding");
    }

    @Test
    void ansiFollowedByUtf8IsAMixedEncodingErrorAtTheUtf8Line() {
        byte[] in = concat("[Strings]\r\nb = \"Café\"\r\n\r\n".getBytes(InfEncoding.CP1252), "a = \"Käse\"\r\n".getBytes(UTF_8));
        BadInputException e = failure(in);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("mixed encodings").contains("line 2 is CP1252");
    }

    @Test
    void aForcedEncodingReadsMixedBytesWithoutGuessingAndStillRoundTrips() throws IOException {
        byte[] in = concat("[Strings]\r\na = \"Käse\"\r\n".getBytes(UTF_8), "b = \"Café\"\r\n".getBytes(InfEncoding.CP1252));
        InfDocument d = InfParser.parse(in, "t.inf", InfReadOptions.forcing(InfEncoding.ANSI_1252));
        assertThat(d.value("Strings", "b")).contains("Café");
        assertThat(d.toBytes()).isEqualTo(in);
    }

    @Test
    void aUtf8BomWithInvalidUtf8IsAnError() {
        byte[] in = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "[S]\r\n".getBytes(UTF_8), "b = \"Café\"\r\n".getBytes(InfEncoding.CP1252));
        BadInputException e = failure(in);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("byte-order mark");
    }

    @Test
    void utf16WithoutBomOrBigEndianIsNamed() {
        assertThat(failure("[Version]\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE)).getMessage())
                .contains("UTF-16LE text without a byte-order mark");
        assertThat(failure(concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, "[V]".getBytes(java.nio.charset.StandardCharsets.UTF_16BE)))
                .getMessage()).contains("big-endian");
    }

    @Test
    void truncatedUtf16IsAnError() {
        byte[] in = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "[V]\r\nx".getBytes(java.nio.charset.StandardCharsets.UTF_16LE),
                new byte[] {0x41});
        assertThat(failure(in).getMessage()).contains("middle of a character");
    }

    @Test
    void anEndlessLineIsRejectedWithoutReadingItAll() {
        InputStream endless = new InputStream() {
            long n;

            @Override
            public int read() {
                return n++ < (1L << 40) ? 'A' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'A');
                n += len;
                return len;
            }
        };
        assertThatThrownBy(() -> InfParser.parse(endless, "big.inf", InfReadOptions.defaults()))
                .isInstanceOf(BadInputException.class).hasMessageContaining("big.inf:1")
                .hasMessageContaining("without a line break");
    }

    @Test
    void emptyAndCommentOnlyFilesParse() throws IOException {
        assertThat(parse(new byte[0]).toBytes()).isEmpty();
        byte[] c = "; just a comment".getBytes(UTF_8);
        assertThat(parse(c).toBytes()).isEqualTo(c);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }
}
