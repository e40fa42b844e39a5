package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.check.MediaTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

    @TempDir
    Path dir;

    Path tree;

    @BeforeEach
    void build() throws IOException {
        tree = MediaTrees.x86(dir.resolve("cd"));
    }

    @Test
    void aCleanTreePrintsTheMediaAndExitsZero() {
        CliHarness.Run r = CliHarness.run("check", tree.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("architecture  x86 (I386)").contains("edition       Enterprise Edition (WIN51IA)")
                .contains("language      ENU").contains("service pack  SP2").contains("0 error(s), 0 warning(s)");
    }

    @Test
    void errorsArePrintedWithFileSectionAndLineAndExitOne() throws IOException {
        Files.delete(tree.resolve("I386/NTDLL.DLL"));
        CliHarness.Run r = CliHarness.run("check", tree.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains("ERROR   I386/TXTSETUP.SIF:6 [SourceDisksFiles]: missing-file: ntdll.dll is listed");
        assertThat(r.out()).contains("3 error(s)");
    }

    @Test
    void warningsPassUnlessAskedToFail() throws IOException {
        MediaTrees.write(tree, "I386/OLDFIX.DLL", "left over");
        assertThat(CliHarness.run("check", tree.toString()).exitCode()).isZero();
        CliHarness.Run r = CliHarness.run("check", "--warnings-as-errors", tree.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains("WARNING I386/OLDFIX.DLL: unreferenced-file");
    }

    @Test
    void aDamagedCompressedFileIsFoundByTheCabinetReader() throws IOException {
        Path packed = tree.resolve("I386/KERNEL32.DL_");
        byte[] b = Files.readAllBytes(packed);
        for (int i = b.length - 8; i < b.length; i++) {
            b[i] ^= 0x5A;
        }
        Files.write(packed, b);
        CliHarness.Run r = CliHarness.run("check", tree.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains("ERROR   I386/KERNEL32.DL_: corrupt-compressed: the compressed file is damaged");
    }

    @Test
    void jsonCarriesTheSameFindings() throws IOException {
        Files.delete(tree.resolve("I386/NTDLL.DLL"));
        CliHarness.Run r = CliHarness.run("check", "--json", tree.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).startsWith("{").contains("\"edition\": \"Enterprise Edition\"").contains("\"errors\": 3")
                .contains("\"section\": \"SourceDisksFiles\"").contains("\"line\": 6");
    }

    @Test
    void aMissingTreeIsAnIoError() {
        CliHarness.Run r = CliHarness.run("check", dir.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(r.err()).startsWith("slipstream: error: ").contains("nope");
    }

    @Test
    void helpHasExamples() {
        CliHarness.Run r = CliHarness.run("check", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Examples:").contains("slipstream check");
    }
}
