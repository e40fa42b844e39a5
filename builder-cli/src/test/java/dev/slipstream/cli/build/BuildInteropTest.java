package dev.slipstream.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.cli.CliHarness;
import dev.slipstream.cli.ExitCode;
import dev.slipstream.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built media judged by independent tools (xorriso, 7-Zip, cabextract, QEMU), the scan in
 * both modes, {@code --plan} and {@code --out-tree}.
 */
class BuildInteropTest {

    /** SETUPLDR.BIN of the fixture boot path prints this when the CD boot sector found and started it. */
    static final String SETUPLDR_STARTED = "SLIPSTREAM-FIXTURE-SETUPLDR: started by the CD boot image";

    @TempDir
    Path dir;

    List<String> x86(String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("build", "--base", Fixtures.media("x86-std-ENU").toString(),
                "--sp2", Fixtures.servicePack("x86", "ENU").toString(), "--hotfix", Fixtures.packages().toString(),
                "--ie7", Fixtures.ie7("x86", "ENU").toString(), "--catalog", Fixtures.catalog().toString(), "--allow-unsigned"));
        args.addAll(List.of(more));
        return args;
    }

    Path buildX86Iso() throws IOException {
        Path iso = dir.resolve("x86.iso");
        CliHarness.Run r = CliHarness.run(x86("--allow-regressions", "--out", iso.toString()).toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        return iso;
    }

    @Test
    void xorrisoAnd7zipReadTheIsoAndCabextractItsRecompressedFiles() throws Exception {
        Path iso = buildX86Iso();
        ExternalTool xorriso = ExternalTool.require("xorriso", "xorriso");
        String files = xorriso.run(dir, 60, "-indev", iso.toString(), "-find", "/", "-type", "f").assertSuccess("xorriso -find").stdout();
        assertThat(files).contains("'/I386/SP2.CAB'", "'/I386/SP2.CAT'", "'/WIN51IS.SP2'", "'/I386/SVCPACK/IE7.EXE'",
                "'/I386/SVCPACK/KB925902.EXE'", "'/I386/SVCPACK.INF'").doesNotContain(";1");
        String boot = xorriso.run(dir, 60, "-indev", iso.toString(), "-report_el_torito", "plain").assertSuccess("xorriso el torito").stdout();
        assertThat(boot).contains("BIOS").contains("none");

        ExternalTool sevenZip = ExternalTool.require("7z", "7zip");
        Path x = dir.resolve("7z");
        sevenZip.run(dir, 120, "x", "-y", "-o" + x, iso.toString()).assertSuccess("7z x");
        assertThat(x.resolve("[BOOT]/Boot-NoEmul.img")).exists();
        assertThat(x.resolve("I386/USER32.DL_")).exists();
        assertThat(x.resolve("I386/USER32.DLL")).doesNotExist();

        // USER32 came plain in the hotfix and was recompressed to LZX:21 for the media.
        ExternalTool cabextract = ExternalTool.require("cabextract", "cabextract");
        String t = cabextract.run(dir, 60, "-t", x.resolve("I386/USER32.DL_").toString()).assertSuccess("cabextract -t").stdout();
        assertThat(t).contains("OK").containsIgnoringCase("user32.dll");
        String ls = cabextract.run(dir, 60, "-l", x.resolve("I386/SP2.CAB").toString()).assertSuccess("cabextract -l").stdout();
        assertThat(ls).containsIgnoringCase("usbhub.sys");
    }

    @Test
    void theBuiltX86IsoBootsSetupldrInQemu() throws Exception {
        Path iso = buildX86Iso();
        ExternalTool qemu = ExternalTool.require("qemu-system-i386", "qemu-system-x86");
        ExternalTool.Result r = qemu.run(dir, 120, "-nodefaults", "-machine", "pc", "-m", "32",
                "-drive", "file=" + iso + ",media=cdrom,readonly=on,format=raw", "-boot", "order=d", "-no-reboot",
                "-nic", "none", "-display", "none", "-serial", "stdio", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04");
        assertThat(r.stdout()).contains("\\I386\\SETUPLDR.BIN").contains(SETUPLDR_STARTED);
    }

    /**
     * The x64 CD boots as itself: the x64 boot image of the base (kept by the build) loads
     * {@code \AMD64\SETUPLDR.BIN} from the slipstreamed ISO in a 64-bit PC.
     */
    @Test
    void theBuiltX64IsoBootsAmd64SetupldrInQemuX86_64() throws Exception {
        Path iso = dir.resolve("x64.iso");
        CliHarness.Run b = CliHarness.run("build", "--base", Fixtures.iso("x64-std-ENU").toString(),
                "--sp2", Fixtures.servicePack("x64", "ENU").toString(), "--ie7", Fixtures.ie7("x64", "ENU").toString(),
                "--catalog", Fixtures.catalog().toString(), "--allow-unsigned", "--out", iso.toString());
        assertThat(b.exitCode()).as(b.err()).isZero();
        ExternalTool qemu = ExternalTool.require("qemu-system-x86_64", "qemu-system-x86");
        ExternalTool.Result r = qemu.run(dir, 120, "-nodefaults", "-machine", "pc", "-cpu", "qemu64", "-m", "64",
                "-drive", "file=" + iso + ",media=cdrom,readonly=on,format=raw", "-boot", "order=d", "-no-reboot",
                "-nic", "none", "-display", "none", "-serial", "stdio", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04");
        assertThat(r.stdout()).contains("\\AMD64\\SETUPLDR.BIN").doesNotContain("\\I386\\SETUPLDR.BIN")
                .contains(SETUPLDR_STARTED);
    }

    @Test
    void aRegressionStopsTheBuildButItsScanLogStays() throws Exception {
        Path iso = dir.resolve("blocked.iso");
        CliHarness.Run r = CliHarness.run(x86("--out", iso.toString()).toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(ExitCode.PROBLEM_FOUND);
        assertThat(r.err()).contains("KB913648").contains("--allow-regressions");
        assertThat(iso).doesNotExist();
        assertThat(Files.readString(dir.resolve("blocked_log.txt"))).contains("Hotfixes that would regress (SP2 would undo their fix): 1")
                .contains("KB913648").contains("Result: BLOCKED");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("blocked_log.txt");
        }
    }

    @Test
    void scanBeforeAndAfterABuild() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        CliHarness.Run before = CliHarness.run("scan", "--base", Fixtures.media("x86-std-ENU").toString(), "--sp2",
                Fixtures.servicePack("x86", "ENU").toString(), "--hotfix", Fixtures.packages().toString(),
                "--log-dir", logs.toString(), "--name", "SRV01", "--verbose", "--allow-unsigned");
        assertThat(before.exitCode()).as(before.err()).isEqualTo(ExitCode.PROBLEM_FOUND);
        String log = Files.readString(logs.resolve("SRV01_log.txt"));
        assertThat(log).contains("before build").contains("KB913648").contains("Superseded hotfixes (dropped): 2")
                .contains("KB896422").contains("KB890046").contains("REGRESSION http.sys").contains("Result: BLOCKED");
        assertThat(before.out()).contains("Result: BLOCKED");

        CliHarness.Run allowed = CliHarness.run("scan", "--base", Fixtures.media("x86-std-ENU").toString(), "--sp2",
                Fixtures.servicePack("x86", "ENU").toString(), "--hotfix", Fixtures.packages().toString(),
                "--log-dir", logs.toString(), "--allow-regressions", "--quiet", "--allow-unsigned");
        assertThat(allowed.exitCode()).isZero();
        assertThat(allowed.out()).isEmpty();

        Path iso = buildX86Iso();
        CliHarness.Run after = CliHarness.run("scan", "--after", iso.toString(), "--hotfix", Fixtures.packages().toString(),
                "--log-dir", logs.toString());
        assertThat(after.exitCode()).as(after.err()).isEqualTo(ExitCode.PROBLEM_FOUND);
        String afterLog = Files.readString(logs.resolve("x86_log.txt"));
        assertThat(afterLog).contains("after build").contains("Hotfixes that have regressed: 1").contains("KB913648")
                .contains("http.sys: the tree has 5.2.3790.3959, older than the fix's 5.2.3790.4101")
                .contains("KB925902").contains("KB930916");
    }

    @Test
    void planPrintsEveryChangeAndWritesNothing() throws Exception {
        Path iso = dir.resolve("never.iso");
        CliHarness.Run r = CliHarness.run(x86("--plan", "--out", iso.toString()).toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("replace I386\\ntdll.dl_").contains("add     I386\\msxml6.dl_")
                .contains("I386\\DRVINDEX.INF [Version] + CabFiles=sp2,driver")
                .contains("I386\\DOSNET.INF [Files] + d1,usbport.sys")
                .contains("KB913648  regression").contains("KB896422  superseded")
                .contains("IE7.EXE /quiet /norestart /update-no");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void svcpackModeRunsTheHotfixesAtT13InsteadOfIntegratingTheirFiles() throws Exception {
        CliHarness.Run r = CliHarness.run(x86("--plan", "--hotfix-mode", "svcpack", "--allow-regressions").toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("<- KB925902").doesNotContain("[ProductCatalogsToInstall] +")
                .contains("[SetupHotfixesToRun] + KB925902.EXE /q /n /z").contains("replace I386\\user32.dl_  <- SP2");
    }

    @Test
    void gdrPolicyTakesTheGdrBranch() throws Exception {
        CliHarness.Run r = CliHarness.run(x86("--plan", "--branch", "gdr", "--allow-regressions").toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("KB925902  integrate (SP2GDR)").contains("replace user32.dll 5.2.3790.4033");
    }

    @Test
    void outTreeHardLinksUnchangedFilesAndPassesCheck() throws Exception {
        Path tree = dir.resolve("tree");
        CliHarness.Run r = CliHarness.run(x86("--allow-regressions", "--out-tree", tree.toString()).toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path base = Fixtures.media("x86-std-ENU");
        assertThat(Files.isSameFile(tree.resolve("I386/SETUPLDR.BIN"), base.resolve("I386/SETUPLDR.BIN"))).isTrue();
        assertThat(Files.mismatch(tree.resolve("I386/TXTSETUP.SIF"), base.resolve("I386/TXTSETUP.SIF"))).isNotEqualTo(-1);
        CliHarness.Run check = CliHarness.run("check", tree.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    }
}
