package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.check.MediaTrees;
import dev.slipstream.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's limits as a user meets them: {@code --max-output} on both extract commands (clear
 * error, exit 3, nothing written), name collisions ignoring case reported by both, and symbolic
 * links that never lead a command out of its source tree.
 */
class ExtractLimitsCommandTest {

    @TempDir
    Path tmp;

    private static long filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** A cabinet made by gcab holding {@code A/README.TXT} (4000 bytes) and {@code a/readme.txt} (6000 bytes). */
    private Path collidingCabinet() throws Exception {
        ExternalTool gcab = ExternalTool.require("gcab", "gcab");
        Path src = tmp.resolve("src");
        Files.createDirectories(src.resolve("A"));
        Files.createDirectories(src.resolve("a"));
        Files.write(src.resolve("A/README.TXT"), new byte[4000]);
        Files.write(src.resolve("a/readme.txt"), "x".repeat(6000).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path cab = tmp.resolve("c.cab");
        gcab.run(src, 60, "-c", "-z", cab.toString(), "A/README.TXT", "a/readme.txt").assertSuccess("gcab -c");
        return cab;
    }

    @Test
    void cabExtractMaxOutputRefusesBeforeWriting() throws Exception {
        Path cab = collidingCabinet();
        Path out = tmp.resolve("out");
        CliHarness.Run r = CliHarness.run("cab", "extract", cab.toString(), "-d", out.toString(), "--max-output", "5999");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains(cab.toString()).contains("6000 bytes").contains("--max-output");
        assertThat(filesUnder(out)).isZero();

        // The two members land on one file ignoring case: 6000 bytes are written, within a 6K limit.
        CliHarness.Run ok = CliHarness.run("cab", "extract", cab.toString(), "-d", out.toString(), "--max-output", "6K");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("warning").contains("same name ignoring case");
        assertThat(filesUnder(out)).isEqualTo(1);
    }

    @Test
    void maxOutputRejectsWhatIsNotASize() throws Exception {
        CliHarness.Run r = CliHarness.run("cab", "extract", "x.cab", "--max-output", "lots");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("'lots' is not a size");
    }

    @Test
    void isoExtractMaxOutputAndCollisions() throws Exception {
        ExternalTool xorriso = ExternalTool.require("xorriso", "xorriso");
        Path tree = tmp.resolve("tree");
        Files.createDirectories(tree);
        Files.write(tree.resolve("README.TXT"), new byte[4000]);
        Files.write(tree.resolve("readme.txt"), new byte[6000]);
        Path iso = tmp.resolve("rr.iso");
        xorriso.run(tmp, 60, "-as", "mkisofs", "-R", "-o", iso.toString(), tree.toString()).assertSuccess("xorriso");
        Path out = tmp.resolve("out");
        CliHarness.Run r = CliHarness.run("iso", "extract", iso.toString(), "-d", out.toString(), "--namespace", "rockridge",
                "--max-output", "5000");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("6000 bytes").contains("--max-output");
        assertThat(filesUnder(out)).isZero();

        CliHarness.Run ok = CliHarness.run("iso", "extract", iso.toString(), "-d", out.toString(), "--namespace", "rockridge",
                "--max-output", "6000");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.err()).contains("README.TXT").contains("same name ignoring case as readme.txt");
        assertThat(filesUnder(out)).isEqualTo(1);
    }

    @Test
    void isoCreateRefusesALinkOutOfItsTree() throws Exception {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("README.TXT"), "in");
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "out");
        Files.createSymbolicLink(tree.resolve("LEAK.TXT"), secret);
        Path iso = tmp.resolve("x.iso");
        CliHarness.Run r = CliHarness.run("iso", "create", "-o", iso.toString(), tree.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("LEAK.TXT").contains("outside the source tree");
        assertThat(iso).doesNotExist();
    }

    @Test
    void checkNeverReadsThroughALinkOutOfTheTree() throws Exception {
        Path cd = MediaTrees.x86(tmp.resolve("cd"));
        // The real NTDLL.DLL moves outside; the tree keeps only a link to it.
        Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.move(cd.resolve("I386/NTDLL.DLL"), outside.resolve("NTDLL.DLL"));
        Files.createSymbolicLink(cd.resolve("I386/NTDLL.DLL"), outside.resolve("NTDLL.DLL"));
        CliHarness.Run r = CliHarness.run("check", cd.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.out()).contains("missing-file: ntdll.dll is listed");
    }

    @Test
    void cabCreateRefusesALinkOutOfItsDirectory() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("ok.txt"), "in");
        Files.createSymbolicLink(src.resolve("leak.txt"), Files.writeString(tmp.resolve("secret.txt"), "out"));
        Path cab = tmp.resolve("x.cab");
        CliHarness.Run r = CliHarness.run("cab", "create", "-o", cab.toString(), src.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("leak.txt").contains("outside");
        assertThat(cab).doesNotExist();
    }
}
