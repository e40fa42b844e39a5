package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CabinetChecksumVerifierTest {

    @TempDir
    Path dir;

    /** An LZX:21 single-file cabinet of 200 KB of semi-random data, as SP2's {@code _} files are. */
    private Path lzxCabinet() throws IOException {
        byte[] data = new byte[200_000];
        Random r = new Random(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (r.nextInt(16) + (i % 97));
        }
        Path cab = dir.resolve("NTDLL.DL_");
        CabinetWriter.write(cab, List.of(CabinetWriter.Entry.ofBytes("ntdll.dll", data, Instant.EPOCH)),
                CabinetWriter.Options.defaults().withCompression(CabCompression.LZX_21));
        return cab;
    }

    @Test
    void anIntactCabinetIsVerifiedWithoutDecoding() throws IOException {
        assertThat(CabinetChecksumVerifier.verify(lzxCabinet()).verified()).isTrue();
    }

    @Test
    void aFlippedBitInTheCompressedDataFailsItsBlockChecksum() throws IOException {
        Path cab = lzxCabinet();
        byte[] b = Files.readAllBytes(cab);
        b[b.length - 100] ^= 0x10;
        Files.write(cab, b);
        assertThatThrownBy(() -> CabinetChecksumVerifier.verify(cab)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("NTDLL.DL_").hasMessageContaining("fails its checksum");
    }

    @Test
    void aTruncatedCopyFails() throws IOException {
        Path cab = lzxCabinet();
        byte[] b = Files.readAllBytes(cab);
        Files.write(cab, Arrays.copyOf(b, b.length - 1000));
        assertThatThrownBy(() -> CabinetChecksumVerifier.verify(cab)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void blocksWithoutChecksumsCannotBeVouchedFor() throws IOException {
        TestCabinets.Layout l = TestCabinets.stored(List.of("a.txt"), List.of(new byte[100]));
        byte[] b = l.bytes().clone();
        Arrays.fill(b, l.firstDataBlock(), l.firstDataBlock() + 4, (byte) 0);
        Path cab = dir.resolve("A.TX_");
        Files.write(cab, b);
        CabinetChecksumVerifier.Result r = CabinetChecksumVerifier.verify(cab);
        assertThat(r.verified()).isFalse();
        assertThat(r.unverifiable()).get().asString().contains("no checksum");
    }

    @Test
    void aFileBeyondItsFolderDataIsDamage() throws IOException {
        // The CFFILE entry claims more bytes than the folder's blocks hold: a decode would run dry.
        TestCabinets.Layout l = TestCabinets.build(CabConstants.COMPRESS_NONE,
                List.of(new TestCabinets.Member("a.txt", 150, 0)), List.of(new TestCabinets.Block(new byte[100], 100)));
        Path cab = dir.resolve("A.TX_");
        Files.write(cab, l.bytes());
        assertThatThrownBy(() -> CabinetChecksumVerifier.verify(cab)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("a.txt").hasMessageContaining("hold only 100 bytes");
    }

    @Test
    void anUnknownCompressionTypeIsDamage() throws IOException {
        TestCabinets.Layout l = TestCabinets.build(0x0007,
                List.of(new TestCabinets.Member("a.txt", 100, 0)), List.of(new TestCabinets.Block(new byte[100], 100)));
        Path cab = dir.resolve("A.TX_");
        Files.write(cab, l.bytes());
        assertThatThrownBy(() -> CabinetChecksumVerifier.verify(cab)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("compression type 0x0007");
    }
}
