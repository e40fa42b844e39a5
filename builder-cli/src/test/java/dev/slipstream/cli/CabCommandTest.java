package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.ExternalTool;
import dev.slipstream.testing.SharedCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CabCommandTest {

    @TempDir
    Path tmp;

    private static String corpus(String rel) {
        return SharedCorpus.corpus("cab/" + rel).toString();
    }

    @Test
    void listShowsSizeDateAttributesFolderCompressionAndName() {
        CliHarness.Run r = CliHarness.run("cab", "list", corpus("libmspack/cabextract_test_cabs/mixed.cab"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("57 | 1997-03-12 11:13:52 | ---a-- |      0 | MSZIP        | mszip.txt")
                .contains("| LZX:18       | lzx.txt").contains("| Quantum:2:18 | qtm.txt").contains("3 files, 303 bytes");
    }

    @Test
    void listJsonIsADocumentWithMembersAndFolders() {
        CliHarness.Run r = CliHarness.run("cab", "list", "--json", corpus("libmspack/cabextract_test_cabs/split-2.cab"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).startsWith("{").endsWith("}");
        // opening the second part lists the whole set, as cabextract does
        assertThat(r.out()).contains("\"name\": \"small1.bin\"").contains("\"name\": \"medium3.bin\"")
                .contains("split-5.cab").contains("\"compression\": \"MSZIP\"");
    }

    @Test
    void extractWritesTheSameBytesAsCabextract() throws Exception {
        ExternalTool cabextract = ExternalTool.require("cabextract", "cabextract");
        String cab = corpus("python-cabarchive/multi-folder-compressed.cab");
        Path ours = tmp.resolve("ours");
        Path theirs = Files.createDirectories(tmp.resolve("theirs"));
        CliHarness.Run r = CliHarness.run("cab", "extract", cab, "-d", ours.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("extracted 2 files (567727 bytes)");
        cabextract.run(null, 60, "-q", "-d", theirs.toString(), cab).assertSuccess("cabextract");
        for (String f : new String[] {"test/example.jpg", "test/test.txt"}) {
            assertThat(Files.readAllBytes(ours.resolve(f))).isEqualTo(Files.readAllBytes(theirs.resolve(f)));
        }
    }

    @Test
    void extractFromASelfExtractorFindsTheCabinetInside() {
        Path out = tmp.resolve("sfx");
        CliHarness.Run r = CliHarness.run("cab", "extract", corpus("synthetic-sfx/sfx-lzx21-rcdata.exe"), "-d", out.toString(), "-v");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("foldername/somefile.txt").contains("cabinet at offset 42600");
        assertThat(out.resolve("README.md")).hasSize(182);
    }

    @Test
    void extractRefusesAHostileNameNamingItAndWritesNothing() throws Exception {
        Path out = tmp.resolve("dest");
        CliHarness.Run r = CliHarness.run("cab", "extract", corpus("libmspack/cabextract_test_cabs/dirwalk-vulns.cab"), "-d", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("slipstream: error: ").contains("dirwalk-vulns.cab").contains("\"/absolute/path\"")
                .doesNotContain("\tat ");
        try (Stream<Path> s = Files.walk(tmp)) {
            assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void testReportsACorruptCabinetAsBadInput() {
        CliHarness.Run ok = CliHarness.run("cab", "test", corpus("libmspack/test_files_cabd/mszip_lzx_qtm.cab"));
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("OK:").contains("3 members, 303 bytes");
        CliHarness.Run bad = CliHarness.run("cab", "test", corpus("libmspack/cabextract_test_bugs/lzx-premature-matches.cab"));
        assertThat(bad.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(bad.err()).contains("lzx-premature-matches.cab at offset").contains("LZX");
    }

    @Test
    void aMissingPartOfASetIsNamed() {
        CliHarness.Run r = CliHarness.run("cab", "list", corpus("libmspack/test_files_cabd/multi_basic_pt1.cab"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("cabd_multi_basic_pt2.cab").contains("put all its parts in");
    }

    @Test
    void everyCabCommandHasHelpWithExamples() {
        for (String sub : new String[] {"list", "extract", "test"}) {
            CliHarness.Run r = CliHarness.run("cab", sub, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("Examples:").contains("slipstream cab " + sub);
        }
        assertThat(CliHarness.run("cab", "--help").out()).contains("list").contains("extract").contains("test");
    }
}
