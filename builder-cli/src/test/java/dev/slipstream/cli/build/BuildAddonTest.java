package dev.slipstream.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.cli.CliHarness;
import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.layout.DosnetInf;
import dev.slipstream.core.inf.layout.LayoutInf;
import dev.slipstream.core.inf.layout.SourceDisksFile;
import dev.slipstream.core.inf.layout.SvcpackInf;
import dev.slipstream.core.inf.layout.TxtsetupSif;
import dev.slipstream.core.pe.FileVersion;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the small x86 fixture with SP2, IE7 and the fixture addon packs (SSTools .7z, SSFix .cab)
 * through the command line, reads the ISO back through our ISO, cabinet, PE and INF readers, and
 * checks every addon change; then the extracted result passes {@code slipstream check}. A pack for
 * other media fails before any work, with exit code 3.
 */
class BuildAddonTest {

    @TempDir
    Path out;

    private static List<String> common(String media, String... addons) throws Exception {
        List<String> a = new ArrayList<>(List.of("--base", Fixtures.media(media).toString(), "--sp2",
                Fixtures.servicePack("x86", "ENU").toString(), "--ie7", Fixtures.ie7("x86", "ENU").toString(),
                "--allow-unsigned", "--catalog", Fixtures.catalog().toString(), "--no-cache"));
        for (String addon : addons) {
            a.add("--addon");
            a.add(Fixtures.packages().resolve(addon).toString());
        }
        return a;
    }

    private static CliHarness.Run build(String... args) {
        return CliHarness.run(Stream.concat(Stream.of("build"), Stream.of(args)).toArray(String[]::new));
    }

    @Test
    void addonFilesInfLinesAndSvcpackLandOnTheMediaAndTheResultPassesCheck() throws Exception {
        List<String> args = common("x86-std-ENU", "SSTools-Addon-x86-ENU.7z", "SSFix-Addon-x86-ENU.cab");
        CliHarness.Run plan = build(Stream.concat(Stream.of("--plan"), args.stream()).toArray(String[]::new));
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Addon packs:", "SSTools-Addon-x86-ENU.7z", "add sstools.exe -> I386\\sstools.ex_",
                "add ssnote.txt -> I386\\ssnote.tx_", "svcpack SSSETUP.EXE -> I386\\SVCPACK\\SSSETUP.EXE",
                "run sssetup.exe /q", "newer than SP2's 5.2.3790.3959",
                "I386\\DOSNET.INF [Files] + d1,sstools.exe", "I386\\SVCPACK.INF [SetupHotfixesToRun] + sssetup.exe /q");

        Path iso = out.resolve("x86.iso");
        Path report = out.resolve("x86.json");
        CliHarness.Run r = build(Stream.concat(Stream.of("--out", iso.toString(), "--report", report.toString()), args.stream())
                .toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Addon packs: 2 applied");

        Charset cs = Charset.forName("windows-1252");
        Path tools = Fixtures.packages().resolve("SSTools-Addon-x86-ENU.7z");
        try (BuiltMedia m = new BuiltMedia(iso, out)) {
            // The new files, compressed as LZX:21 one-file cabinets, with the pack's bytes.
            assertThat(m.has("I386/SSTOOLS.EX_")).isTrue();
            assertThat(m.has("I386/SSTOOLS.EXE")).isFalse();
            byte[] tool = m.expanded("I386/SSTOOLS.EXE");
            assertThat(BuiltMedia.version(tool, "sstools.exe")).contains(new FileVersion(1, 0, 0, 7));
            assertThat(new String(m.expanded("I386/SSNOTE.TXT"), cs)).startsWith("Slipstream fixture addon");
            // The SP2 file the .cab pack carries newer: the pack's version wins.
            String fixDll = fixDllName();
            assertThat(BuiltMedia.version(m.expanded("I386/" + fixDll), fixDll)).contains(new FileVersion(5, 2, 3790, 9000));
            // SVCPACK: the installer and its command.
            assertThat(m.has("I386/SVCPACK/SSSETUP.EXE")).isTrue();

            TxtsetupSif txt = new TxtsetupSif(m.inf("I386/TXTSETUP.SIF", cs));
            SourceDisksFile rec = txt.sourceDisksFile("x86", "sstools.exe").orElseThrow().value();
            assertThat(rec.diskId()).isEqualTo("100");
            assertThat(rec.targetDirId()).isEqualTo("2");
            assertThat(txt.sourceDisksFile("x86", "ssnote.txt").orElseThrow().value().targetDirId()).isEqualTo("21");
            LayoutInf layout = new LayoutInf(m.inf("I386/LAYOUT.INF", cs));
            assertThat(layout.sourceDisksFile("x86", "sstools.exe").orElseThrow().value().size())
                    .isEqualTo(Long.toString(tool.length));
            DosnetInf dosnet = new DosnetInf(m.inf("I386/DOSNET.INF", cs));
            assertThat(dosnet.files()).anySatisfy(f -> assertThat(f.value().name()).isEqualToIgnoringCase("sstools.exe"));
            assertThat(dosnet.files()).anySatisfy(f -> assertThat(f.value().name()).isEqualToIgnoringCase("ssnote.txt"));
            InfDocument svc = m.inf("I386/SVCPACK.INF", cs);
            assertThat(new SvcpackInf(svc).hotfixesToRun()).extracting(l -> l.value()).contains("sssetup.exe /q");
        }
        String json = Files.readString(report).replaceAll("\":\\s+", "\":");
        assertThat(json).contains("\"addons\"", "\"action\":\"add\"", "\"file\":\"sstools.exe\"", "\"role\":\"addon\"")
                .contains(tools.getFileName().toString());

        // The same media as a tree pass the media linter.
        Path tree = out.resolve("tree");
        CliHarness.Run t = build(Stream.concat(Stream.of("--out-tree", tree.toString(), "-q"), args.stream()).toArray(String[]::new));
        assertThat(t.exitCode()).as(t.err()).isZero();
        CliHarness.Run check = CliHarness.run("check", "--warnings-as-errors", tree.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("0 error(s)");

        // Reproducible: the same inputs give the same ISO, byte for byte.
        Path again = out.resolve("again.iso");
        CliHarness.Run r2 = build(Stream.concat(Stream.of("--out", again.toString(), "-q"), args.stream()).toArray(String[]::new));
        assertThat(r2.exitCode()).as(r2.err()).isZero();
        assertThat(Files.mismatch(iso, again)).isEqualTo(-1L);
    }

    @Test
    void aPackForOtherMediaFailsBeforeAnyWork() throws Exception {
        Path iso = out.resolve("never.iso");
        CliHarness.Run arch = build(Stream.concat(Stream.of("--out", iso.toString()),
                common("x86-std-ENU", "SSTools-Addon-x64-ENU.7z").stream()).toArray(String[]::new));
        assertThat(arch.exitCode()).isEqualTo(3);
        assertThat(arch.err()).contains("SSTools-Addon-x64-ENU.7z").contains("the name says x64, the media are x86")
                .doesNotContain("verify-packages").doesNotContain("extract-packages");
        CliHarness.Run lang = build(Stream.concat(Stream.of("--out", iso.toString()),
                common("x86-std-ENU", "SSFix-Addon-x86-CHS.cab").stream()).toArray(String[]::new));
        assertThat(lang.exitCode()).isEqualTo(3);
        assertThat(lang.err()).contains("SSFix-Addon-x86-CHS.cab").contains("the name says CHS (Chinese (Simplified)), the media are ENU")
                .doesNotContain("extract-packages");
        assertThat(iso).doesNotExist();
        try (var s = Files.list(out)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aPackRenamedToHideItsLanguageIsStillCaughtByItsEntriesFile() throws Exception {
        Path renamed = out.resolve("tools.7z");
        Files.copy(Fixtures.packages().resolve("SSTools-Addon-x86-CHS.7z"), renamed);
        List<String> args = new ArrayList<>(common("x86-std-ENU"));
        args.addAll(List.of("--addon", renamed.toString(), "--plan"));
        CliHarness.Run r = build(args.toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.err()).contains("tools.7z: entries_sstools.ini").contains("is CHS, the media are ENU");
    }

    /** The DLL the SSFix pack carries, from the fixtures' manifest. */
    private static String fixDllName() throws Exception {
        String json = Files.readString(Fixtures.root().resolve("fixtures.json"));
        java.util.regex.Matcher at = java.util.regex.Pattern.compile("\"name\":\\s*\"SSFix-Addon-x86-ENU\\.cab\"").matcher(json);
        assertThat(at.find()).isTrue();
        java.util.regex.Matcher dll = java.util.regex.Pattern.compile("\"path\":\\s*\"([A-Z0-9_]+\\.DLL)\"").matcher(json);
        assertThat(dll.find(at.end())).isTrue();
        return dll.group(1);
    }
}
