package dev.slipstream.core.inf;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.slipstream.testing.FuzzOutcome;
import dev.slipstream.testing.CorpusFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/**
 * Fuzz target: INF/SIF bytes. Whatever the parser accepts must write back byte for byte (the
 * round-trip promise of docs/inf-format.md), and its lookups (sections, keys, fields, %strings%)
 * must answer without failing.
 */
class InfFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void parseAndWrite(byte[] data) {
        FuzzOutcome.expectResultOrTyped("inf", () -> roundTrip(data, InfReadOptions.defaults()));
    }

    static void roundTrip(byte[] data, InfReadOptions options) throws Exception {
        InfDocument doc = InfParser.parse(data, "fuzz.inf", options);
        for (InfSection s : doc.sections()) {
            for (InfLine line : s.entries()) {
                line.key();
                line.fields();
                doc.resolvedFields(line);
            }
        }
        doc.sectionNames();
        doc.warnings();
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        InfWriter.write(doc, out);
        byte[] written = out.toByteArray();
        if (!Arrays.equals(written, data)) {
            throw new AssertionError("parse+write changed the bytes: " + data.length + " in, " + written.length
                    + " out, first difference at " + Arrays.mismatch(written, data));
        }
    }

    /** The round trip over every INF/SIF of the shared corpus. */
    @Test
    void sharedCorpus() throws Exception {
        var files = CorpusFiles.under("inf", p -> !CorpusFiles.name(p).endsWith(".tsv") && !CorpusFiles.name(p).endsWith(".md"));
        assertThat(files).hasSizeGreaterThan(100);
        for (Path f : files) {
            byte[] data = Files.readAllBytes(f);
            FuzzOutcome.expectResultOrTyped("inf " + f, () -> roundTrip(data, InfReadOptions.defaults()));
        }
    }
}
