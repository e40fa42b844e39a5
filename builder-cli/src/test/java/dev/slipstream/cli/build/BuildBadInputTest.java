package dev.slipstream.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.cli.CliHarness;
import dev.slipstream.cli.ExitCode;
import dev.slipstream.core.engine.BuildEvent;
import dev.slipstream.core.engine.BuildOptions;
import dev.slipstream.core.engine.SlipstreamBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input a build engineer can hand the build: each must give one clear line, a
 * non-zero exit code, and leave no output (nor any temporary file) behind.
 */
class BuildBadInputTest {

    @TempDir
    Path dir;

    Path out() {
        return dir.resolve("out").resolve("result.iso");
    }

    CliHarness.Run build(Path base, Path sp2, String... more) throws IOException {
        Files.createDirectories(out().getParent());
        List<String> args = new ArrayList<>(List.of("build", "--base", base.toString(), "--sp2", sp2.toString(),
                "--out", out().toString(), "--allow-unsigned"));
        args.addAll(List.of(more));
        return CliHarness.run(args.toArray(String[]::new));
    }

    void assertNothingWritten() throws IOException {
        try (Stream<Path> s = Files.list(out().getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as("the output folder stays empty").isEmpty();
        }
    }

    static Path x86() throws IOException {
        return Fixtures.media("x86-std-ENU");
    }

    @Test
    void aServicePackForAnotherArchitectureIsRefusedBeforeAnyWork() throws Exception {
        CliHarness.Run r = build(x86(), Fixtures.servicePack("x64", "ENU"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("WindowsServer2003-KB914961-SP2-x64-ENU.exe")
                .contains("is for x64, the media are x86").doesNotContain("extract-packages");
        assertNothingWritten();
    }

    @Test
    void aServicePackInAnotherLanguageIsRefused() throws Exception {
        CliHarness.Run r = build(x86(), Fixtures.servicePack("x86", "CHS"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("is CHS (Chinese (Simplified)), the media are ENU");
        assertNothingWritten();
    }

    @Test
    void aTruncatedPackageIsBadInput() throws Exception {
        Path sp2 = Fixtures.servicePack("x86", "ENU");
        Path cut = Files.createDirectories(dir.resolve("cut")).resolve(sp2.getFileName());
        byte[] b = Files.readAllBytes(sp2);
        Files.write(cut, java.util.Arrays.copyOf(b, b.length * 2 / 3));
        CliHarness.Run r = build(x86(), cut);
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains(cut.toString());
        assertNothingWritten();
    }

    @Test
    void aDamagedPackageFailsItsCabinetChecksumsAndItsCatalogEntry() throws Exception {
        Path sp2 = Fixtures.servicePack("x86", "ENU");
        Path bad = Files.createDirectories(dir.resolve("bad")).resolve(sp2.getFileName());
        Files.copy(sp2, bad);
        try (RandomAccessFile f = new RandomAccessFile(bad.toFile(), "rw")) {
            long at = f.length() - 4096; // inside the cabinet's data, before the end
            f.seek(at);
            int v = f.read();
            f.seek(at);
            f.write(v ^ 0x55);
        }
        CliHarness.Run noCatalog = build(x86(), bad);
        assertThat(noCatalog.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(noCatalog.err()).contains(bad.getFileName().toString()).containsIgnoringCase("checksum");
        assertNothingWritten();

        CliHarness.Run withCatalog = build(x86(), bad, "--catalog", Fixtures.catalog().toString());
        assertThat(withCatalog.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(withCatalog.err()).contains("does not match the catalog").contains("SHA256 is");
        assertNothingWritten();
    }

    @Test
    void aBaseWithoutTxtsetupIsNotSetupMedia() throws Exception {
        Path copy = dir.resolve("base");
        copyTree(x86(), copy);
        Files.delete(copy.resolve("I386/TXTSETUP.SIF"));
        CliHarness.Run r = build(copy, Fixtures.servicePack("x86", "ENU"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("TXTSETUP.SIF").contains("not Windows setup media");
        assertNothingWritten();
    }

    @Test
    void aDamagedLayoutInfIsReportedByThePlanThatNeedsIt() throws Exception {
        // LAYOUT.IN_ is first read while SP2 is extracted (the plan's prelude); its failure belongs to the plan step.
        Path copy = dir.resolve("base");
        copyTree(x86(), copy);
        Path layout = copy.resolve("I386/LAYOUT.IN_");
        assertThat(layout).exists();
        byte[] b = Files.readAllBytes(layout);
        Files.write(layout, java.util.Arrays.copyOf(b, b.length / 2));
        CliHarness.Run r = build(copy, Fixtures.servicePack("x86", "ENU"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("LAYOUT.IN_");
        assertNothingWritten();
    }

    @Test
    void alreadySlipstreamedMediaAreRefusedUnlessForced() throws Exception {
        Path tree = dir.resolve("sp2-tree");
        CliHarness.Run first = CliHarness.run("build", "--allow-unsigned", "--base", x86().toString(), "--sp2",
                Fixtures.servicePack("x86", "ENU").toString(), "--out-tree", tree.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        CliHarness.Run again = build(tree, Fixtures.servicePack("x86", "ENU"));
        assertThat(again.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(again.err()).contains("already modified").contains("WIN51IS.SP2").contains("--force");
        assertNothingWritten();
    }

    @Test
    void mediaLeftByHfslipAreRefused() throws Exception {
        Path copy = dir.resolve("base");
        copyTree(x86(), copy);
        Files.writeString(copy.resolve("I386/HFSLIP.TXT"), "processed");
        CliHarness.Run r = build(copy, Fixtures.servicePack("x86", "ENU"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("HFSLIP");
        assertNothingWritten();
    }

    @Test
    void anOutputPathThatCannotBeWrittenFailsBeforeAnyWork() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        CliHarness.Run r = CliHarness.run("build", "--allow-unsigned", "--base", x86().toString(), "--sp2",
                Fixtures.servicePack("x86", "ENU").toString(), "--out", file.resolve("result.iso").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(r.err()).contains(file.toString()).contains("is not a folder").doesNotContain("probe-media");
    }

    @Test
    void anOutputInsideTheBaseIsRefused() throws Exception {
        CliHarness.Run r = CliHarness.run("build", "--allow-unsigned", "--base", x86().toString(), "--sp2",
                Fixtures.servicePack("x86", "ENU").toString(), "--out-tree", x86().resolve("OUT").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("never modifies");
        assertThat(Files.exists(x86().resolve("OUT"))).isFalse();
    }

    @Test
    void anIoFailureWhileTheIsoIsWrittenLeavesNothingBehind() throws Exception {
        Files.createDirectories(out().getParent());
        Path tree = out().getParent().resolve("tree");
        BuildOptions o = new BuildOptions().base(x86()).servicePack(Fixtures.servicePack("x86", "ENU"))
                .ie7(Fixtures.ie7("x86", "ENU")).outIso(out()).outTree(tree).allowUnsigned(true);
        int[] progress = {0};
        assertThatThrownBy(() -> SlipstreamBuild.run(o, e -> {
            // The disk "fails" halfway through mastering, while the check runs alongside.
            if (e instanceof BuildEvent.StepProgress p && p.step().equals("master-iso") && ++progress[0] == 20) {
                throw new UncheckedIOException(new IOException("injected: No space left on device"));
            }
        })).hasMessageContaining("injected");
        assertNothingWritten();
    }

    @Test
    void aResultThatFailsTheCheckIsNeverWrittenThoughTheIsoWasMasteredAlongside() throws Exception {
        // The ISO is mastered into its temporary file while the check runs; a failed check must
        // leave neither the image nor its temporary behind.
        Path base = dir.resolve("base");
        copyTree(x86(), base);
        Files.delete(base.resolve("I386/EULA.TXT"));
        CliHarness.Run r = build(base, Fixtures.servicePack("x86", "ENU"), "--no-cache");
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.err()).contains("fails slipstream check").contains("eula.txt is listed");
        assertNothingWritten();
    }

    @Test
    void anIoFailureAfterTheIsoWasCommittedRemovesIt() throws Exception {
        Files.createDirectories(out().getParent());
        Path tree = out().getParent().resolve("tree");
        BuildOptions o = new BuildOptions().base(x86()).servicePack(Fixtures.servicePack("x86", "ENU"))
                .ie7(Fixtures.ie7("x86", "ENU")).outIso(out()).outTree(tree).allowUnsigned(true);
        assertThatThrownBy(() -> SlipstreamBuild.run(o, e -> {
            // The tree is written after the ISO was renamed into place.
            if (e instanceof BuildEvent.StepProgress p && p.step().equals("write-tree")) {
                throw new UncheckedIOException(new IOException("injected: No space left on device"));
            }
        })).hasMessageContaining("injected");
        assertNothingWritten();
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

}
