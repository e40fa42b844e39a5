package dev.slipstream.core.inf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An 80 MB TXTSETUP-like file: streamed in one pass, and round-tripped through the document. */
class InfLargeFileTest {

    @TempDir
    Path dir;

    @Test
    void an80MegabyteFileStreamsAndRoundTrips() throws IOException, NoSuchAlgorithmException {
        Path big = dir.resolve("TXTSETUP.SIF");
        TxtsetupGenerator.Generated g = TxtsetupGenerator.write(big, 80L << 20, 1);
        assertThat(Files.size(big)).isGreaterThanOrEqualTo(80L << 20);

        AtomicLong entries = new AtomicLong();
        AtomicLong sections = new AtomicLong();
        try (InputStream in = Files.newInputStream(big)) {
            InfParser.scan(in, big.toString(), InfReadOptions.defaults(), l -> {
                if (l.kind() == InfLine.Kind.SECTION_HEADER) {
                    sections.incrementAndGet();
                } else if (l.isEntry()) {
                    entries.incrementAndGet();
                }
            }, w -> { });
        }
        assertThat(sections.get()).isEqualTo(g.sections());
        assertThat(entries.get()).isEqualTo(g.records() + 1);

        MessageDigest inDigest = MessageDigest.getInstance("SHA-256");
        InfDocument doc;
        try (InputStream in = new DigestInputStream(Files.newInputStream(big), inDigest)) {
            doc = InfParser.parse(in, big.toString(), InfReadOptions.defaults());
        }
        assertThat(doc.entry("SourceDisksFiles", "file00012345.dll")).isPresent();
        MessageDigest outDigest = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), outDigest)) {
            InfWriter.write(doc, out);
        }
        assertThat(outDigest.digest()).isEqualTo(inDigest.digest());
    }

    /** Writes TXTSETUP-shaped text: [SourceDisksFiles] records in sections of 50,000 lines. */
    static final class TxtsetupGenerator {
        static final int PER_SECTION = 50_000;

        record Generated(long records, long sections) {
        }

        static Generated write(Path target, long minBytes, int disk) throws IOException {
            long written = 0;
            long n = 0;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
                written += put(out, "[Version]\r\nSignature = \"$Windows NT$\"\r\n\r\n");
                while (written < minBytes || n % PER_SECTION != 0) {
                    if (n % PER_SECTION == 0) {
                        written += put(out, "\r\n[SourceDisksFiles]\r\n; generated block " + n / PER_SECTION + "\r\n");
                    }
                    written += put(out, String.format("file%08d.dll = %d,,,,,,,2,0,0,\"Long Name %d.dll\",1,2 ; c\r\n", n, disk, n));
                    n++;
                }
            }
            return new Generated(n, 1 + n / PER_SECTION);
        }

        private static int put(OutputStream out, String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            out.write(b);
            return b.length;
        }
    }
}
