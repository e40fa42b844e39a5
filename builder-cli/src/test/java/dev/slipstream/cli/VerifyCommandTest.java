package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    /** The published figures of "123456789" (CRC check string), SHA1 not published. */
    private static final String LINE = "PKG.EXE 9 CBF43926 995DC9BBDF1939FA "
            + "15E2B0D3C33891EBB0F1EF609EC419420C20E320CE94C65FBC8C3312448EB225 - "
            + "D6D3157BD4E809982E0EEA22C5AF5CDDF05473F6ECBE353119591E6CDCB7127E";

    @TempDir
    Path dir;

    private Path catalog;

    @BeforeEach
    void writeCatalog() throws IOException {
        catalog = Files.writeString(dir.resolve("site.catalog"), "# our packages\n" + LINE + "\n");
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, content, StandardCharsets.US_ASCII);
    }

    @Test
    void aMatchingFileExitsZeroAndSaysWhatAgreed() throws IOException {
        Path f = file("pkg.exe", "123456789");
        CliHarness.Run r = CliHarness.run("verify", "--catalog", catalog.toString(), f.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(f + ": match (size, CRC32, CRC64, SHA256, BLAKE2sp agree with " + catalog + ":2)\n");
    }

    @Test
    void aMismatchExitsOneAndShowsExpectedAndActualForEachDifferingHash() throws IOException {
        Path f = file("bad/PKG.EXE", "123456780");
        CliHarness.Run r = CliHarness.run("verify", "--catalog", catalog.toString(), f.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).startsWith(f + ": MISMATCH: CRC32, CRC64, SHA256, BLAKE2sp differ from PKG.EXE (" + catalog + ":2)\n")
                .contains("  CRC32     expected CBF43926\n            actual   B2288182\n")
                .contains("  SHA256    expected 15E2B0D3C33891EBB0F1EF609EC419420C20E320CE94C65FBC8C3312448EB225\n");
        assertThat(r.err()).isEqualTo("slipstream: error: 1 of 1 file did not match the catalog; do not build with it: "
                + "download again and compare with the publisher's figures\n");
    }

    @Test
    void unknownIsFineUnlessKnownIsRequired() throws IOException {
        Path ok = file("pkg.exe", "123456789");
        Path other = file("readme.txt", "hello");
        CliHarness.Run lax = CliHarness.run("verify", "--catalog", catalog.toString(), ok.toString(), other.toString());
        assertThat(lax.exitCode()).isZero();
        assertThat(lax.out()).contains(other + ": unknown (no catalog entry has this name or size)\n")
                .endsWith("2 files: 1 match, 0 MISMATCH, 1 unknown\n");

        CliHarness.Run strict = CliHarness.run("verify", "--require-known", "--catalog", catalog.toString(),
                ok.toString(), other.toString());
        assertThat(strict.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(strict.err()).contains("1 of 2 files is not in any catalog (--require-known)");
    }

    @Test
    void aRenamedDownloadMatchesByContent() throws IOException {
        Path f = file("PKG (1).EXE", "123456789");
        CliHarness.Run r = CliHarness.run("verify", "--catalog", catalog.toString(), f.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith(f + ": match by content: it is PKG.EXE (" + catalog + ":2) under another name");
    }

    @Test
    void theBuiltInCatalogKnowsTheSp2PackageByName() throws IOException {
        // Not the real 370 MB package: a same-named stand-in is a mismatch on size and every hash.
        Path f = file("WindowsServer2003-KB914961-SP2-x86-CHS.exe", "not the service pack");
        CliHarness.Run r = CliHarness.run("verify", f.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains("MISMATCH: size, CRC32, CRC64, SHA256, SHA1, BLAKE2sp differ from "
                + "WINDOWSSERVER2003-KB914961-SP2-X86-CHS.EXE (built-in catalog:")
                .contains("  size      expected 377180528\n            actual   20\n")
                .contains("SHA256    expected 569BC93961BEDB5645A4C2C3D00BC81819B87E3754272462C4B6AFB56F58CB08");
    }

    @Test
    void jsonReportsStatusDifferencesAndSummary() throws IOException {
        Path f = file("x/PKG.EXE", "12345678");
        CliHarness.Run r = CliHarness.run("verify", "--json", "--no-builtin-catalog", "--catalog", catalog.toString(), f.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains("\"status\": \"mismatch\"")
                .contains("\"field\": \"size\",\n          \"expected\": \"9\",\n          \"actual\": \"8\"")
                .contains("\"origin\": \"" + catalog + ":2\"")
                .contains("\"summary\": {\n    \"match\": 0,\n    \"mismatch\": 1,\n    \"unknown\": 0\n  }");
    }

    @Test
    void aMalformedCatalogLineIsBadInputNamingFileAndLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.catalog"), LINE + "\nIE7.EXE 12 CBF43926 - -\n");
        CliHarness.Run r = CliHarness.run("verify", "--catalog", bad.toString(), file("pkg.exe", "123456789").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("slipstream: error: " + bad + ":2: expected 7 fields, found 5.")
                .doesNotContain("\tat ");
    }

    @Test
    void aMissingFileOrCatalogExitsWithFour() throws IOException {
        CliHarness.Run r = CliHarness.run("verify", dir.resolve("nope.exe").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(r.err()).isEqualTo("slipstream: error: " + dir.resolve("nope.exe") + ": no such file or directory\n");
        CliHarness.Run c = CliHarness.run("verify", "--catalog", dir.resolve("none.catalog").toString(),
                file("pkg.exe", "123456789").toString());
        assertThat(c.exitCode()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(c.err()).contains("none.catalog: no such file or directory");
    }

    @Test
    void helpHasExamplesAndTheCatalogFormat() {
        CliHarness.Run r = CliHarness.run("verify", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Examples:").contains("--require-known").contains("NAME SIZE CRC32 CRC64 SHA256 SHA1 BLAKE2sp");
    }
}
