package dev.slipstream.core.cab.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.testing.SharedCorpus;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveException;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.junit.jupiter.api.Test;

/** Code that only knows commons-compress reads cabinets as format "cab" through the factory. */
class CabArchiveStreamProviderTest {

    @Test
    void theFactoryKnowsCabThroughTheServiceLoader() {
        assertThat(ArchiveStreamFactory.findAvailableArchiveInputStreamProviders()).containsKey("CAB");
    }

    @Test
    void aMixedCompressionCabinetReadsThroughTheFactory() throws Exception {
        Path cab = SharedCorpus.corpus("cab/libmspack/cabextract_test_cabs/mixed.cab");
        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(cab);
                ArchiveInputStream<? extends ArchiveEntry> in = new ArchiveStreamFactory().createArchiveInputStream("cab", raw)) {
            ArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
                byte[] data = in.readAllBytes();
                assertThat(data).hasSize((int) e.getSize());
                texts.add(new String(data, StandardCharsets.US_ASCII));
            }
        }
        assertThat(names).containsExactly("mszip.txt", "lzx.txt", "qtm.txt");
        assertThat(texts).allSatisfy(t -> assertThat(t).isNotEmpty());
        assertThat(texts.get(0)).contains("MSZIP");
    }

    @Test
    void corruptInputFailsAsAnArchiveException() {
        byte[] junk = "MSCF and then nothing useful".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> new ArchiveStreamFactory().createArchiveInputStream("cab", new ByteArrayInputStream(junk)))
                .isInstanceOf(ArchiveException.class);
    }
}
