package dev.slipstream.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfCommandTest {

    @TempDir
    Path dir;

    Path sif;

    static final String WINNT = "; unattended answers\r\n[Unattended]\r\nUnattendMode = FullUnattended ; no prompts\r\n"
            + "OemPreinstall=No\r\n\r\n[UserData]\r\nFullName = \"Build \"\"Lab\"\"\"\r\nOrgName = %org%\r\n\r\n"
            + "[Strings]\r\norg = \"ACME\"\r\n";

    @BeforeEach
    void write() throws IOException {
        sif = dir.resolve("winnt.sif");
        Files.writeString(sif, WINNT, US_ASCII);
    }

    private String content() throws IOException {
        return Files.readString(sif, US_ASCII);
    }

    @Test
    void getPrintsTheValueAsWrittenOrResolved() {
        CliHarness.Run r = CliHarness.run("inf", "get", sif.toString(), "userdata", "FULLNAME");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("\"Build \"\"Lab\"\"\"" + System.lineSeparator());
        r = CliHarness.run("inf", "get", "--resolved", sif.toString(), "UserData", "OrgName");
        assertThat(r.out()).isEqualTo("ACME" + System.lineSeparator());
        r = CliHarness.run("inf", "get", sif.toString(), "Unattended");
        assertThat(r.out().lines()).containsExactly("UnattendMode", "OemPreinstall");
        r = CliHarness.run("inf", "get", sif.toString());
        assertThat(r.out().lines()).containsExactly("Unattended", "UserData", "Strings");
    }

    @Test
    void getOfAMissingKeyOrSectionExitsWithOne() {
        CliHarness.Run r = CliHarness.run("inf", "get", sif.toString(), "Unattended", "NoSuchKey");
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.err()).contains("no key 'NoSuchKey' in section [Unattended]");
        assertThat(CliHarness.run("inf", "get", sif.toString(), "Nope").exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
    }

    @Test
    void setChangesOnlyTheValueAndKeepsTheComment() throws IOException {
        CliHarness.Run r = CliHarness.run("inf", "set", sif.toString(), "unattended", "unattendmode", "DefaultHide");
        assertThat(r.exitCode()).isZero();
        assertThat(content()).isEqualTo(WINNT.replace("FullUnattended ; no prompts", "DefaultHide ; no prompts"));
    }

    @Test
    void setToTheSameValueDoesNotRewriteTheFile() throws IOException {
        Files.setLastModifiedTime(sif, java.nio.file.attribute.FileTime.fromMillis(1_000_000_000L));
        CliHarness.Run r = CliHarness.run("inf", "set", sif.toString(), "Unattended", "OemPreinstall", "No");
        assertThat(r.exitCode()).isZero();
        assertThat(content()).isEqualTo(WINNT);
        assertThat(Files.getLastModifiedTime(sif).toMillis()).isEqualTo(1_000_000_000L);
    }

    @Test
    void setOnAMissingSectionCreatesItAndKeylessLinesAreAddedOnce() throws IOException {
        assertThat(CliHarness.run("inf", "set", sif.toString(), "GuiRunOnce", "--line", "\"c:\\install\\go.cmd\"").exitCode()).isZero();
        assertThat(CliHarness.run("inf", "set", sif.toString(), "GuiRunOnce", "--line", "\"C:\\INSTALL\\GO.CMD\"").exitCode()).isZero();
        assertThat(content()).isEqualTo(WINNT + "\r\n[GuiRunOnce]\r\n\"c:\\install\\go.cmd\"\r\n");
    }

    @Test
    void setOnAMissingFileCreatesItWithCrlfLines() throws IOException {
        Path fresh = dir.resolve("new/winnt.sif");
        assertThat(CliHarness.run("inf", "set", fresh.toString(), "Unattended", "UnattendMode", "FullUnattended").exitCode()).isZero();
        assertThat(CliHarness.run("inf", "set", fresh.toString(), "UserData", "FullName", "\"Build\"").exitCode()).isZero();
        assertThat(Files.readString(fresh, US_ASCII)).isEqualTo(
                "[Unattended]\r\nUnattendMode = FullUnattended\r\n\r\n[UserData]\r\nFullName = \"Build\"\r\n");
        assertThat(CliHarness.run("inf", "get", dir.resolve("nope.sif").toString(), "A", "b").exitCode()).isEqualTo(ExitCode.IO_FAILURE);
    }

    @Test
    void delRemovesKeysLinesAndSections() throws IOException {
        assertThat(CliHarness.run("inf", "del", sif.toString(), "Unattended", "OemPreinstall").exitCode()).isZero();
        assertThat(content()).isEqualTo(WINNT.replace("OemPreinstall=No\r\n", ""));
        assertThat(CliHarness.run("inf", "del", sif.toString(), "Strings").exitCode()).isZero();
        assertThat(content()).isEqualTo(WINNT.replace("OemPreinstall=No\r\n", "").replace("[Strings]\r\norg = \"ACME\"\r\n", ""));
        assertThat(CliHarness.run("inf", "del", sif.toString(), "Strings", "nothing").exitCode()).isZero();
    }

    @Test
    void outputOptionLeavesTheInputAlone() throws IOException {
        Path out = dir.resolve("out/winnt.sif");
        assertThat(CliHarness.run("inf", "set", "-o", out.toString(), sif.toString(), "Unattended", "OemPreinstall", "Yes").exitCode())
                .isZero();
        assertThat(content()).isEqualTo(WINNT);
        assertThat(Files.readString(out, US_ASCII)).isEqualTo(WINNT.replace("OemPreinstall=No", "OemPreinstall=Yes"));
    }

    @Test
    void editingReactosTxtsetupKeepsEveryOtherByte() throws IOException {
        Path copy = dir.resolve("txtsetup.sif");
        Files.copy(SharedCorpus.corpus("inf/reactos-0.4.13/boot__bootdata__txtsetup.sif"), copy);
        String before = Files.readString(copy, US_ASCII);
        assertThat(CliHarness.run("inf", "set", copy.toString(), "SetupData", "DefaultPath", "\\Windows").exitCode()).isZero();
        assertThat(Files.readString(copy, US_ASCII)).isEqualTo(before.replace("DefaultPath = \\ReactOS\r\n", "DefaultPath = \\Windows\r\n"));
    }

    @Test
    void brokenInputIsExitThreeWithFileAndLine() throws IOException {
        Files.writeString(sif, "[Unattended]\r\n[UserData\r\n", US_ASCII);
        CliHarness.Run r = CliHarness.run("inf", "get", sif.toString(), "Unattended");
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("slipstream: error: ").contains("winnt.sif:2").contains("closing ']'").doesNotContain("\tat ");
    }

    @Test
    void aValueThatWouldBreakTheFileIsAUsageErrorAndNothingIsWritten() throws IOException {
        CliHarness.Run r = CliHarness.run("inf", "set", sif.toString(), "Unattended", "TargetPath", "\"open");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("unterminated quote");
        assertThat(content()).isEqualTo(WINNT);
        assertThat(CliHarness.run("inf", "set", sif.toString(), "Unattended", "OnlyKey").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(CliHarness.run("inf", "get", "--encoding", "klingon", sif.toString()).exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void openQuotesAreWarningsUnlessStrict() throws IOException {
        Files.writeString(sif, "[Strings]\r\nx = \"open\r\n", US_ASCII);
        CliHarness.Run r = CliHarness.run("inf", "get", sif.toString(), "Strings", "x");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("warning").contains("winnt.sif:2").contains("unterminated quote");
        assertThat(CliHarness.run("inf", "get", "--strict", sif.toString(), "Strings", "x").exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void helpHasExamples() {
        for (String sub : new String[] {"get", "set", "del"}) {
            CliHarness.Run r = CliHarness.run("inf", sub, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("Examples:").contains("slipstream inf " + sub);
        }
    }
}
