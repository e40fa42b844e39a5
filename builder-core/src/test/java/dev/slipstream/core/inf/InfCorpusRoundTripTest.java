package dev.slipstream.core.inf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file of the shared INF corpus parses and writes back byte for byte. */
class InfCorpusRoundTripTest {

    record Row(String file, String encoding, String eol, int sections, boolean duplicates, int continuations) {
    }

    static Stream<Arguments> corpus() throws IOException {
        Path manifest = SharedCorpus.corpus("inf/MANIFEST.tsv");
        List<Arguments> rows = new ArrayList<>();
        for (String line : Files.readAllLines(manifest)) {
            if (line.startsWith("file\t") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            rows.add(Arguments.of(new Row(f[0], f[3], f[4], Integer.parseInt(f[6]),
                    Boolean.parseBoolean(f[7].toLowerCase()), Integer.parseInt(f[8]))));
        }
        assertThat(rows).hasSize(239);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void parsesAndWritesBackByteIdentical(Row row) throws IOException {
        Path file = SharedCorpus.corpus("inf/" + row.file());
        byte[] original = Files.readAllBytes(file);
        InfDocument doc = InfParser.parse(file);

        assertThat(doc.toBytes()).as("round trip of %s", row.file()).isEqualTo(original);
        assertThat(doc.sections()).as("section occurrences").hasSize(row.sections() + 1);
        assertThat(doc.encoding().displayName()).isEqualTo(expectedEncoding(row.encoding()));
        assertThat(doc.newline()).isEqualTo(row.eol().equals("CRLF") ? "\r\n" : "\n");
        // The manifest counts every physical line that ends in '\'. Those that do not continue a
        // line in our model must end inside a comment, where setup ignores them too.
        int continued = 0;
        int inComments = 0;
        for (InfSection s : doc.sections()) {
            List<InfLine> all = new ArrayList<>(s.lines());
            if (s.header() != null) {
                all.add(s.header());
            }
            for (InfLine l : all) {
                continued += l.physicalLines() - 1;
                String last = lastPhysicalLine(l.content()).strip();
                if (last.endsWith("\\") && (l.kind() == InfLine.Kind.COMMENT || last.contains(";"))) {
                    inComments++;
                } else if (last.endsWith("\\")) {
                    // a continuation with nothing after it: only possible on the last line of the file
                    InfSection lastSection = doc.sections().get(doc.sections().size() - 1);
                    assertThat(lastSection.lines().get(lastSection.lines().size() - 1)).as("continuation at %s", l).isSameAs(l);
                    continued++;
                }
            }
        }
        assertThat(continued + inComments).as("lines ending in a backslash").isEqualTo(row.continuations());
        assertThat(doc.sectionNames().size() < row.sections()).isEqualTo(row.duplicates());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void settingEveryKeyToItsOwnValueChangesNoByte(Row row) throws IOException {
        Path file = SharedCorpus.corpus("inf/" + row.file());
        byte[] original = Files.readAllBytes(file);
        InfDocument doc = InfParser.parse(file);
        int keys = 0;
        for (String section : doc.sectionNames()) {
            for (InfLine l : doc.entries(section)) {
                if (l.key() != null && !l.key().isEmpty() && doc.entry(section, l.key()).orElseThrow() == l) {
                    assertThat(doc.set(section, l.key(), l.rawValue())).as("set %s] %s", section, l.key()).isFalse();
                    keys++;
                }
            }
        }
        assertThat(doc.isModified()).isFalse();
        assertThat(doc.toBytes()).isEqualTo(original);
        if (row.sections() > 1) {
            assertThat(keys).isPositive();
        }
    }

    private static String lastPhysicalLine(String content) {
        return content.substring(content.lastIndexOf('\n') + 1);
    }

    private static String expectedEncoding(String manifest) {
        return switch (manifest) {
            case "ASCII" -> "CP1252";
            case "UTF-8" -> "UTF-8";
            case "UTF-8+BOM" -> "UTF-8+BOM";
            case "UTF-16LE+BOM" -> "UTF-16LE+BOM";
            default -> throw new IllegalArgumentException(manifest);
        };
    }
}
