package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCommandTest {

    @TempDir
    Path dir;

    private Path check() throws IOException {
        return Files.writeString(dir.resolve("check.bin"), "123456789", StandardCharsets.US_ASCII);
    }

    @Test
    void printsTheSevenLinesIn7ZipOrderWithABlankLineBetweenFiles() throws IOException {
        Path f = check();
        Path empty = Files.createFile(dir.resolve("empty.bin"));
        CliHarness.Run r = CliHarness.run("hash", f.toString(), empty.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(String.join("\n",
                "Name: " + f,
                "Size: 9",
                "CRC32: CBF43926",
                "CRC64: 995DC9BBDF1939FA",
                "SHA256: 15E2B0D3C33891EBB0F1EF609EC419420C20E320CE94C65FBC8C3312448EB225",
                "SHA1: F7C3BC1D808E04732ADF679965CCC34CA7AE3441",
                "BLAKE2sp: D6D3157BD4E809982E0EEA22C5AF5CDDF05473F6ECBE353119591E6CDCB7127E",
                "",
                "Name: " + empty,
                "Size: 0",
                "CRC32: 00000000",
                "CRC64: 0000000000000000",
                "SHA256: E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                "SHA1: DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
                "BLAKE2sp: DD0E891776933F43C7D032B08A917E25741F8AA9A12C12E1CAC8801500F2CA4F",
                ""));
    }

    @Test
    void onlyTheSelectedAlgorithmsStillInTheFixedOrder() throws IOException {
        CliHarness.Run r = CliHarness.run("hash", "-a", "sha1,CRC64", check().toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).containsExactly("Name: " + dir.resolve("check.bin"), "Size: 9",
                "CRC64: 995DC9BBDF1939FA", "SHA1: F7C3BC1D808E04732ADF679965CCC34CA7AE3441");
    }

    @Test
    void jsonCarriesTheSameFigures() throws IOException {
        Path f = check();
        CliHarness.Run r = CliHarness.run("hash", "--json", "-a", "crc32,blake2sp", f.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                {
                  "files": [
                    {
                      "name": "%s",
                      "size": 9,
                      "crc32": "CBF43926",
                      "blake2sp": "D6D3157BD4E809982E0EEA22C5AF5CDDF05473F6ECBE353119591E6CDCB7127E"
                    }
                  ]
                }
                """.formatted(f));
    }

    @Test
    void catalogLinesCanBeReadBackByVerify() throws IOException {
        Path f = check();
        CliHarness.Run r = CliHarness.run("hash", "--catalog-lines", f.toString());
        assertThat(r.out()).startsWith("check.bin 9 CBF43926 995DC9BBDF1939FA ");
        Path cat = Files.writeString(dir.resolve("mine.catalog"), r.out());
        assertThat(CliHarness.run("verify", "--catalog", cat.toString(), f.toString()).exitCode()).isZero();
    }

    @Test
    void aMissingFileExitsWithFourBeforeHashingAnything() throws IOException {
        Path f = check();
        CliHarness.Run r = CliHarness.run("hash", f.toString(), dir.resolve("nope.exe").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("slipstream: error: " + dir.resolve("nope.exe") + ": no such file or directory\n");
    }

    @Test
    void anUnknownAlgorithmIsAUsageErrorListingTheValidOnes() throws IOException {
        CliHarness.Run r = CliHarness.run("hash", "-a", "md5", check().toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("md5").contains("CRC32, CRC64, SHA256, SHA1, BLAKE2sp");
    }

    @Test
    void helpHasExamples() {
        CliHarness.Run r = CliHarness.run("hash", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Examples:").contains("slipstream hash ");
    }
}
