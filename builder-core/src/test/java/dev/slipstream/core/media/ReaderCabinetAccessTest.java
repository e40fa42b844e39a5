package dev.slipstream.core.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.testing.ExternalTool;
import dev.slipstream.testing.SharedCorpus;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReaderCabinetAccessTest {

    @TempDir
    Path tmp;

    private final CabinetAccess cabs = new ReaderCabinetAccess();

    @Test
    void aCompressedCopyMadeByGcabReadsBackAsItsFile() throws Exception {
        ExternalTool gcab = ExternalTool.require("gcab", "gcab");
        Path src = Files.writeString(tmp.resolve("layout.inf"), "[Version]\r\nSignature=\"$Windows NT$\"\r\n".repeat(500));
        Path dl = tmp.resolve("LAYOUT.IN_");
        gcab.run(tmp, 60, "-c", "-z", dl.toString(), "layout.inf").assertSuccess("gcab");
        assertThat(cabs.available()).isTrue();
        assertThat(cabs.members(dl)).containsExactly("layout.inf");
        try (InputStream in = cabs.openCompressed(dl)) {
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(src));
        }
        cabs.test(dl);
    }

    @Test
    void aMultiFileCabinetIsNotACompressedCopyAndCorruptionIsNamed() {
        Path mixed = SharedCorpus.corpus("cab/libmspack/cabextract_test_cabs/mixed.cab");
        assertThatThrownBy(() -> cabs.openCompressed(mixed)).isInstanceOf(BadInputException.class).hasMessageContaining("3 files");
        Path bad = SharedCorpus.corpus("cab/libmspack/cabextract_test_bugs/lzx-premature-matches.cab");
        assertThatThrownBy(() -> cabs.test(bad)).isInstanceOf(BadInputException.class).hasMessageContaining("LZX");
    }
}
