package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.ExternalTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CabWriteCommandsTest {

    @TempDir
    Path tmp;

    private Path file(String rel, int size, long seed) throws Exception {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        byte[] b = new byte[size];
        Random r = new Random(seed);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : "setup.inf ".charAt(i % 10));
        }
        Files.write(p, b);
        return p;
    }

    @Test
    void compressThenExpandRestoresEveryFileUnderItsName() throws Exception {
        Path a = file("src/KERNEL32.DLL", 200_000, 1);
        Path b = file("src/README", 5_000, 2);
        Path c = file("src/setup.inf", 40_000, 3);
        CliHarness.Run r = CliHarness.run("cab", "compress", "-d", tmp.resolve("out").toString(),
                a.toString(), b.toString(), c.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("out/KERNEL32.DL_")).isRegularFile();
        assertThat(tmp.resolve("out/README._")).isRegularFile();
        assertThat(tmp.resolve("out/setup.in_")).isRegularFile();
        assertThat(Files.size(tmp.resolve("out/KERNEL32.DL_"))).isLessThan(200_000);
        // An independent reader agrees on the member name and bytes.
        ExternalTool cabextract = ExternalTool.require("cabextract", "cabextract");
        Path judged = tmp.resolve("judged");
        Files.createDirectories(judged);
        cabextract.run(judged, 60, "-q", "-d", judged.toString(), tmp.resolve("out/KERNEL32.DL_").toString())
                .assertSuccess("cabextract");
        assertThat(judged.resolve("KERNEL32.DLL")).hasSameBinaryContentAs(a);

        r = CliHarness.run("cab", "expand", "-d", tmp.resolve("back").toString(),
                tmp.resolve("out/KERNEL32.DL_").toString(), tmp.resolve("out/README._").toString(),
                tmp.resolve("out/setup.in_").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("back/KERNEL32.DLL")).hasSameBinaryContentAs(a);
        assertThat(tmp.resolve("back/README")).hasSameBinaryContentAs(b);
        assertThat(tmp.resolve("back/setup.inf")).hasSameBinaryContentAs(c);
    }

    @Test
    void compressWritesBesideTheFileByDefaultWithEachCompression() throws Exception {
        for (String c : new String[] {"none", "mszip", "lzx:15", "lzx:21"}) {
            Path f = file(c.replace(':', '_') + "/hal.dll", 70_000, 4);
            CliHarness.Run r = CliHarness.run("cab", "compress", "-c", c, f.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            Path out = f.resolveSibling("hal.dl_");
            assertThat(out).isRegularFile();
            r = CliHarness.run("cab", "expand", "-d", tmp.resolve("x-" + c.replace(':', '_')).toString(), out.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(tmp.resolve("x-" + c.replace(':', '_') + "/hal.dll")).hasSameBinaryContentAs(f);
        }
    }

    @Test
    void createKeepsRelativePathsAndIsReproducible() throws Exception {
        file("tree/i386/driver.sys", 50_000, 5);
        file("tree/i386/Übersicht.txt", 3_000, 6);
        file("tree/top.inf", 9_000, 7);
        Path extra = file("extra.cat", 1_000, 8);
        String[] args = {"cab", "create", "-o", tmp.resolve("one.cab").toString(), "-c", "mszip",
            tmp.resolve("tree").toString(), extra.toString()};
        CliHarness.Run r = CliHarness.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 files in 1 folder");
        args[3] = tmp.resolve("two.cab").toString();
        assertThat(CliHarness.run(args).exitCode()).isZero();
        // Both runs in the same environment: same bytes (dates come from the same mtimes).
        assertThat(tmp.resolve("two.cab")).hasSameBinaryContentAs(tmp.resolve("one.cab"));

        ExternalTool sevenZip = ExternalTool.require("7z", "7zip");
        ExternalTool.Result list = sevenZip.run(tmp, 60, "l", "-slt", tmp.resolve("one.cab").toString())
                .assertSuccess("7z l");
        String names = list.stdout();
        assertThat(names).contains("Path = extra.cat", "Path = top.inf");
        assertThat(names).containsPattern("Path = i386[/\\\\]driver.sys");
        assertThat(names).containsPattern("Path = i386[/\\\\]Übersicht.txt");

        r = CliHarness.run("cab", "expand", "-d", tmp.resolve("x").toString(), tmp.resolve("one.cab").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("x/i386/Übersicht.txt")).hasSameBinaryContentAs(tmp.resolve("tree/i386/Übersicht.txt"));
    }

    @Test
    void mistakesGiveClearErrorsAndNoOutput() throws Exception {
        Path f = file("in/a.dll", 1000, 9);
        CliHarness.Run r = CliHarness.run("cab", "compress", "-c", "lzx:22", f.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("lzx:15 to lzx:21");

        r = CliHarness.run("cab", "compress", tmp.resolve("missing.dll").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(r.err()).contains("missing.dll: no such file");

        Path other = file("in/a.dlx", 1000, 10);
        r = CliHarness.run("cab", "compress", f.toString(), other.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("would both be compressed to a.dl_");
        assertThat(tmp.resolve("in/a.dl_")).doesNotExist();

        Files.writeString(tmp.resolve("in/not-a-cab.dl_"), "hello", StandardCharsets.US_ASCII);
        r = CliHarness.run("cab", "expand", tmp.resolve("in/not-a-cab.dl_").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("not-a-cab.dl_");

        r = CliHarness.run("cab", "create", "-o", tmp.resolve("x.cab").toString(), tmp.resolve("nothing").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(tmp.resolve("x.cab")).doesNotExist();
    }

    @Test
    void helpShowsExamples() {
        for (String sub : new String[] {"compress", "expand", "create"}) {
            CliHarness.Run r = CliHarness.run("cab", sub, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("Examples:", "slipstream cab " + sub);
        }
    }
}
