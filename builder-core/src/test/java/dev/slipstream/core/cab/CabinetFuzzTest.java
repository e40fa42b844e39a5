package dev.slipstream.core.cab;

import java.io.InputStream;
import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.slipstream.testing.FuzzOutcome;
import dev.slipstream.testing.CorpusFiles;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Fuzz target: whole cabinet bytes. Opens them as a cabinet (following a set, as the CLI does),
 * lists every member and decodes every member to a null sink, as {@code slipstream cab test}
 * does. Checksums are ignored so that mutated data reaches the decoders instead of stopping at
 * the first CFDATA checksum; {@link #sharedCorpus} runs with checksums both on and off.
 *
 * <p>{@code mvn verify} runs both over the committed seeds and past findings in
 * {@code CabinetFuzzTestInputs/}; {@code scripts/fuzz cab MINUTES} fuzzes for real.
 */
class CabinetFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void cabinet(byte[] data) {
        FuzzOutcome.expectResultOrTyped("cab", () -> listAndDecode(data, CabReadOptions.DEFAULTS.withIgnoreChecksums(true)));
    }

    /** The body, shared with the regression run over the shared corpus. */
    static void listAndDecode(byte[] data, CabReadOptions options) throws Exception {
        Path file = FuzzOutcome.scratchFile("fuzz.cab", data);
        listAndDecode(file, options);
    }

    static void listAndDecode(Path file, CabReadOptions options) throws Exception {
        try (CabinetReader reader = CabinetReader.open(file, 0, options)) {
            for (CabEntry e : reader.entries()) {
                e.path();
                e.lastModifiedText();
                e.attributeLetters();
                CabExtractor.unsafeReason(e.path());
            }
            reader.readAll(e -> true, 1, (entry, in) -> drain(in, entry.size()));
        }
    }

    private static void drain(InputStream in, long declared) throws java.io.IOException {
        byte[] buf = new byte[8192];
        long n = 0;
        int k;
        while ((k = in.read(buf)) > 0) {
            n += k;
            if (n > declared) {
                throw new AssertionError("a member gave more bytes than its declared size " + declared);
            }
        }
    }

    /** The body over every small file of the shared cabinet corpus (CVE reproducers included), checksums on and off. */
    @Test
    void sharedCorpus() {
        var files = CorpusFiles.under("cab", p -> !CorpusFiles.name(p).endsWith(".tsv") && !CorpusFiles.name(p).endsWith(".jsonl"));
        assertThat(files).hasSizeGreaterThan(50);
        for (Path f : files) {
            FuzzOutcome.expectResultOrTyped("cab " + f, () -> listAndDecode(f, CabReadOptions.DEFAULTS));
            FuzzOutcome.expectResultOrTyped("cab " + f, () -> listAndDecode(f, CabReadOptions.DEFAULTS.withIgnoreChecksums(true)));
        }
    }
}
