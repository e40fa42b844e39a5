package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared member sizes are judged against what the cabinet can hold before anything is written:
 * a folder of B blocks decodes to at most B x 32 KiB, and each block needs 8 header bytes in the
 * cabinet. A cabinet of a few hundred bytes that claims gigabytes is refused up front instead of
 * being extracted until the data runs out.
 */
class CabDeclaredSizeTest {

    @TempDir
    Path tmp;

    /** One real block of "hello\n", a folder that claims 65535 blocks, and a member claiming 1 GiB after a real one. */
    private Path bomb() throws IOException {
        byte[] hello = "hello\n".getBytes(StandardCharsets.US_ASCII);
        TestCabinets.Layout l = TestCabinets.build(CabConstants.COMPRESS_NONE,
                List.of(new TestCabinets.Member("ok.txt", hello.length, 0), new TestCabinets.Member("bomb.bin", 1L << 30, hello.length)),
                List.of(new TestCabinets.Block(hello, hello.length)));
        byte[] b = l.bytes();
        TestCabinets.putU16(b, l.folderEntry() + 4, 0xFFFF);
        return Files.write(tmp.resolve("bomb.cab"), b);
    }

    @Test
    void aMemberLargerThanItsFolderCanHoldIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path cab = bomb();
        Path out = tmp.resolve("out");
        try (CabinetReader r = CabinetReader.open(cab)) {
            assertThatThrownBy(() -> CabExtractor.extract(r, out, CabExtractor.Options.all()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContainingAll(cab.toString(), "bomb.bin", "declares 1073741824 bytes", "can hold at most");
            assertThatThrownBy(() -> CabExtractor.test(r, CabExtractor.Options.all()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("can hold at most");
        }
        // Not even the sound first member was written.
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.walk(out)) {
                assertThat(s.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }

    @Test
    void theBoundIsTheBlocksTheCabinetHasRoomFor() throws IOException {
        // The folder's claim of 65535 blocks is cut to what the bytes after its data offset can
        // hold (a handful of 8-byte headers), so the bound is a few hundred KiB, not 2 GiB.
        Path cab = bomb();
        try (CabinetReader r = CabinetReader.open(cab)) {
            long room = Files.size(cab) - r.folders().get(0).segments().get(0).folder().dataOffset();
            long bound = room / CabConstants.CFDATA_SIZE * CabConstants.MAX_BLOCK_UNCOMPRESSED;
            assertThatThrownBy(() -> CabExtractor.plannedBytes(r, CabExtractor.Options.all()))
                    .hasMessageContaining("can hold at most " + bound + " bytes");
        }
    }

    @Test
    void soundCabinetsPassAndPlanTheirDeclaredBytes() throws IOException {
        TestCabinets.Layout l = TestCabinets.stored(List.of("a.txt", "A.TXT", "big.bin"),
                List.of("one\n".getBytes(StandardCharsets.US_ASCII), "two!\n".getBytes(StandardCharsets.US_ASCII), new byte[100_000]));
        Path cab = Files.write(tmp.resolve("ok.cab"), l.bytes());
        try (CabinetReader r = CabinetReader.open(cab)) {
            // "a.txt" and "A.TXT" land on one file: the last one (5 bytes) is what gets written.
            assertThat(CabExtractor.plannedBytes(r, CabExtractor.Options.all())).isEqualTo(5 + 100_000);
            CabExtractor.Result x = CabExtractor.extract(r, tmp.resolve("out"), CabExtractor.Options.all());
            assertThat(x.totalBytes()).isEqualTo(5 + 100_000);
            assertThat(x.collisions()).hasSize(1);
        }
    }
}
