package dev.slipstream.core.pe;

import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.slipstream.core.cab.CabinetLocator;
import dev.slipstream.testing.FuzzOutcome;
import dev.slipstream.testing.CorpusFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Fuzz target: a PE image. Reads the headers, sections, data directories, certificate table, the
 * resource tree, every resource's data and the version resource, maps RVAs, and asks
 * {@link CabinetLocator} where the cabinets are (overlay, CABINET resource, signature scan), the
 * way {@code slipstream pe info} and the package readers do.
 */
class PeFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void peImage(byte[] data) {
        FuzzOutcome.expectResultOrTyped("pe", () -> readEverything(data));
        FuzzOutcome.expectResultOrTyped("cab-locator", () -> locateCabinets(data));
    }

    static void readEverything(byte[] data) throws Exception {
        try (var ch = new SeekableInMemoryByteChannel(data); PeReader r = PeReader.of(ch, "fuzz.exe")) {
            PeFile pe = r.pe();
            pe.machine();
            pe.format();
            pe.toString();
            for (DataDirectory d : pe.dataDirectories()) {
                r.rvaToOffset(d.address());
            }
            for (PeSection s : pe.sections()) {
                pe.sectionHoldingRva(s.virtualAddress());
            }
            pe.certificateTable();
            for (ResourceEntry e : r.resources().entries()) {
                e.path();
                try {
                    r.readResource(e, 1 << 16);
                } catch (dev.slipstream.core.error.BadInputException ok) {
                    // one bad resource does not stop the walk, as pe info lists the rest
                }
            }
            r.versionInfo().ifPresent(VersionInfo::toString);
        }
    }

    static void locateCabinets(byte[] data) throws Exception {
        try (var ch = new SeekableInMemoryByteChannel(data)) {
            CabinetLocator.Result result = CabinetLocator.locate(ch, "fuzz.exe");
            for (CabinetLocator.Candidate c : result.candidates()) {
                c.describe();
            }
        }
    }

    /** The body over the shared corpus's self-extractors and every small cabinet (not PE: a clean refusal). */
    @Test
    void sharedCorpus() throws Exception {
        var files = CorpusFiles.under("cab", p -> CorpusFiles.name(p).endsWith(".exe") || CorpusFiles.name(p).endsWith(".cab"));
        assertThat(files).anyMatch(p -> CorpusFiles.name(p).endsWith(".exe"));
        for (Path f : files) {
            byte[] data = Files.readAllBytes(f);
            FuzzOutcome.expectResultOrTyped("pe " + f, () -> readEverything(data));
            FuzzOutcome.expectResultOrTyped("cab-locator " + f, () -> locateCabinets(data));
        }
    }
}
