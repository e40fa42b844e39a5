package dev.slipstream.core.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every image of the shared ISO corpus against ISO-ORACLE.tsv (what xorriso extracts): each file
 * the oracle lists comes out of our reader under the same path with the same SHA-256, and the
 * images the oracle marks as errors (one of them hangs xorriso and bsdtar) finish quickly.
 */
class IsoCorpusTest {

    record Row(String file, String expected, String path, long size, String sha256) {
    }

    static Map<String, List<Row>> oracle() throws IOException {
        Map<String, List<Row>> m = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(SharedCorpus.corpus("iso/ISO-ORACLE.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            Row r = new Row(f[0], f[3], f[4], f[5].equals("-") ? -1 : Long.parseLong(f[5]), f[6]);
            m.computeIfAbsent(r.file(), k -> new ArrayList<>()).add(r);
        }
        return m;
    }

    @TestFactory
    Stream<DynamicTest> everyOracleFileExtractsWithItsHash() throws IOException {
        return oracle().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () ->
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> check(e.getKey(), e.getValue()))));
    }

    private static void check(String file, List<Row> rows) throws Exception {
        Path iso = SharedCorpus.corpus("iso/" + file);
        boolean expectError = rows.get(0).expected().equals("error");
        Map<String, IsoEntry> entries = new LinkedHashMap<>();
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            for (IsoEntry e : r.entries()) {
                entries.put(e.path(), e);
            }
            r.bootCatalog();
            List<String> problems = new ArrayList<>();
            for (Row row : rows) {
                if (row.path().equals("-")) {
                    continue;
                }
                IsoEntry e = entries.get(row.path());
                if (e == null) {
                    problems.add("missing " + row.path() + " (have " + entries.keySet() + ")");
                    continue;
                }
                if (e.size() != row.size()) {
                    problems.add(row.path() + ": size " + e.size() + ", oracle " + row.size());
                    continue;
                }
                String sha = sha256(r.content(e));
                if (!sha.equals(row.sha256())) {
                    problems.add(row.path() + ": sha256 " + sha + ", oracle " + row.sha256());
                }
            }
            assertThat(problems).as(file).isEmpty();
            if (expectError) {
                // Finishing with a result is allowed too; the oracle lists nothing for these.
                for (IsoEntry e : entries.values()) {
                    if (e.isRegularFile()) {
                        try {
                            sha256(r.content(e));
                        } catch (BadInputException expected) {
                            // a clean refusal is the other allowed outcome
                        }
                    }
                }
            }
        } catch (BadInputException ex) {
            assertThat(expectError).as(file + " failed: " + ex.getMessage()).isTrue();
        }
    }

    static String sha256(ContentSource c) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (ReadableByteChannel in = c.open()) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (in.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
