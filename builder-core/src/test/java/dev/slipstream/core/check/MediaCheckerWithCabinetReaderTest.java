package dev.slipstream.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.check.MediaChecker.CompressedTest;
import dev.slipstream.core.media.CabinetAccess;
import dev.slipstream.core.media.ReaderCabinetAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every checker test again, with compressed files read by slipstream's own cabinet reader (what
 * {@code slipstream check} uses) instead of cabextract.
 */
class MediaCheckerWithCabinetReaderTest extends MediaCheckerTest {

    @Override
    CabinetAccess cabs() {
        return new ReaderCabinetAccess();
    }

    private CheckReport checkByChecksums(String file) throws IOException {
        return new MediaChecker(cabs(), path -> path.equalsIgnoreCase(file) ? CompressedTest.CHECKSUMS : CompressedTest.SKIP)
                .check(tree);
    }

    @Test
    void aFileVerifiedByItsChecksumsIsCountedNotDecoded() throws IOException {
        CheckReport r = checkByChecksums("I386/KERNEL32.DL_");
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.findings()).filteredOn(f -> f.code().equals("compressed-verified-by-checksums")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("1 compressed file"));
    }

    @Test
    void aDamagedCopyFailsItsChecksumsAsItFailsADecode() throws IOException {
        Path packed = tree.resolve("I386/KERNEL32.DL_");
        byte[] b = Files.readAllBytes(packed);
        b[b.length - 3] ^= 0x5A;
        Files.write(packed, b);
        assertThat(checkByChecksums("I386/KERNEL32.DL_").findings()).filteredOn(f -> f.code().equals("corrupt-compressed"))
                .singleElement().satisfies(f -> {
                    assertThat(f.file()).isEqualTo("I386/KERNEL32.DL_");
                    assertThat(f.message()).contains("checksum");
                });
    }
}
