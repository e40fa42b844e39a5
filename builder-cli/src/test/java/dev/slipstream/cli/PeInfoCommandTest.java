package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.pe.FileVersion;
import dev.slipstream.core.pe.MachineType;
import dev.slipstream.fixtures.pe.PeImageBuilder;
import dev.slipstream.fixtures.pe.VersionResource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeInfoCommandTest {

    @TempDir
    Path tmp;

    private Path kernel32(MachineType machine) throws Exception {
        Path f = tmp.resolve("kernel32.dll");
        PeImageBuilder.dll(machine)
                .version(VersionResource.of(FileVersion.parse("5.2.3790.3959"))
                        .withString("FileVersion", "5.2.3790.3959 (srv03_sp2_rtm.070216-1710)"))
                .rcdata("CABINET", new byte[64]).overlay(new byte[100]).writeTo(f);
        return f;
    }

    @Test
    void showsMachineSectionsOverlayAndVersion() throws Exception {
        Path f = kernel32(MachineType.X64);
        CliHarness.Run r = CliHarness.run("pe", "info", f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("PE32+ x64 (0x8664), DLL").contains(".rsrc").contains("overlay:       100 bytes at offset")
                .contains("certificates:  none (not signed)").contains("RCDATA         1").contains("VERSION        1")
                .contains("file version:  5.2.3790.3959")
                .contains("FileVersion        5.2.3790.3959 (srv03_sp2_rtm.070216-1710)");
    }

    @Test
    void jsonCarriesTheSameFacts() throws Exception {
        Path f = kernel32(MachineType.IA64);
        CliHarness.Run r = CliHarness.run("pe", "info", "--json", f.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"machine\": \"ia64\"").contains("\"format\": \"PE32+\"")
                .contains("\"fileVersion\": \"5.2.3790.3959\"").contains("\"name\": \"\\\"CABINET\\\"\"")
                .contains("\"certificateTable\": null").contains("\"size\": 100");
    }

    @Test
    void checksumIsVerifiedOnRequestAndAMismatchExitsOne() throws Exception {
        Path f = kernel32(MachineType.X86);
        CliHarness.Run ok = CliHarness.run("pe", "info", "--checksum", f.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).contains(", verified");

        byte[] b = Files.readAllBytes(f);
        b[b.length - 1] ^= 0x55; // in the overlay: the headers stay valid
        Path g = tmp.resolve("patched.dll");
        Files.write(g, b);
        CliHarness.Run bad = CliHarness.run("pe", "info", "--checksum", g.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(bad.out()).contains("MISMATCH");
        assertThat(bad.err()).startsWith("slipstream: error: ").contains("differs from the computed");
    }

    @Test
    void aHostileHeaderIsBadInputOnOneLine() throws Exception {
        Path f = kernel32(MachineType.X86);
        byte[] b = Files.readAllBytes(f);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3C, 0x7FFFFFF0);
        Path g = tmp.resolve("hostile.dll");
        Files.write(g, b);
        CliHarness.Run r = CliHarness.run("pe", "info", g.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err().strip()).doesNotContain("\n").contains(g.toString()).contains("at offset 60")
                .contains("e_lfanew");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aMissingFileIsAnIoError() {
        CliHarness.Run r = CliHarness.run("pe", "info", tmp.resolve("nope.exe").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void helpHasExamples() {
        CliHarness.Run r = CliHarness.run("pe", "info", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Examples:").contains("slipstream pe info");
    }
}
