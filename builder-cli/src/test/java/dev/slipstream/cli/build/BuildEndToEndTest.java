package dev.slipstream.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.cli.CliHarness;
import dev.slipstream.cli.build.Fixtures.Expected;
import dev.slipstream.core.inf.InfDocument;

import dev.slipstream.core.inf.layout.DosnetInf;
import dev.slipstream.core.inf.layout.DrvindexInf;
import dev.slipstream.core.inf.layout.LayoutInf;
import dev.slipstream.core.inf.layout.SvcpackInf;
import dev.slipstream.core.inf.layout.TxtsetupSif;
import dev.slipstream.core.pe.FileVersion;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds the fixture media with SP2, every hotfix of the set and IE7 through the command line,
 * reads each ISO back through our ISO, cabinet, PE and INF readers, and checks it against the
 * generator's EXPECTED.tsv: every SP2 file in its new version and its old form, the new files
 * registered, SP2.CAB first in DRVINDEX, the markers, the hotfix decisions, SVCPACK and IE7.
 */
class BuildEndToEndTest {

    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static final Map<String, String> PLANS = new ConcurrentHashMap<>();

    @TempDir
    static Path out;

    @TempDir
    Path scratch;

    static String arch(String mediaId) {
        return mediaId.substring(0, mediaId.indexOf('-'));
    }

    static String lang(String mediaId) {
        return mediaId.substring(mediaId.lastIndexOf('-') + 1);
    }

    static String folder(String mediaId) {
        return switch (arch(mediaId)) {
            case "x64" -> "AMD64";
            case "ia64" -> "IA64";
            default -> "I386";
        };
    }

    static String sfx(String mediaId) {
        return switch (arch(mediaId)) {
            case "x64" -> "amd64";
            case "ia64" -> "ia64";
            default -> "x86";
        };
    }

    static Charset charset(String mediaId) {
        return Charset.forName(lang(mediaId).equals("CHS") ? "x-mswin-936" : "windows-1252");
    }

    /** Builds the media once (from its folder, or from its ISO image for the x64 media). */
    static synchronized Path built(String mediaId) throws IOException {
        if (BUILT.containsKey(mediaId)) {
            return BUILT.get(mediaId);
        }
        String a = arch(mediaId);
        String l = lang(mediaId);
        Path base = a.equals("x64") ? Fixtures.iso(mediaId) : Fixtures.media(mediaId);
        Path iso = out.resolve(mediaId + ".iso");
        List<String> common = List.of("--base", base.toString(), "--sp2", Fixtures.servicePack(a, l).toString(),
                "--hotfix", Fixtures.packages().toString(), "--ie7", Fixtures.ie7(a, l).toString(), "--allow-regressions", "--catalog", Fixtures.catalog().toString());
        CliHarness.Run plan = CliHarness.run(Stream.concat(Stream.of("build", "--plan"), common.stream()).toArray(String[]::new));
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        PLANS.put(mediaId, plan.out());
        CliHarness.Run r = CliHarness.run(Stream.concat(Stream.of("build", "--out", iso.toString()), common.stream())
                .toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Output: " + iso);
        BUILT.put(mediaId, iso);
        return iso;
    }

    @ParameterizedTest
    @ValueSource(strings = {"x86-std-ENU", "x64-std-ENU", "ia64-ent-ENU", "x86-std-CHS"})
    void everyExpectationOfTheGeneratorHolds(String mediaId) throws Exception {
        Path iso = built(mediaId);
        List<Expected> rows = Fixtures.expected(mediaId);
        assertThat(rows).as("EXPECTED.tsv rows for " + mediaId).isNotEmpty();
        String f = folder(mediaId);
        Charset cs = charset(mediaId);
        try (BuiltMedia m = new BuiltMedia(iso, scratch)) {
            InfDocument txt = m.inf(f + "/TXTSETUP.SIF", cs);
            InfDocument dosnet = m.inf(f + "/DOSNET.INF", cs);
            InfDocument layout = m.inf(f + "/LAYOUT.INF", cs);
            InfDocument drvindex = m.inf(f + "/DRVINDEX.INF", cs);
            InfDocument svcpack = m.inf(f + "/SVCPACK.INF", cs);
            TxtsetupSif tsif = new TxtsetupSif(txt);
            LayoutInf lay = new LayoutInf(layout);
            DosnetInf dos = new DosnetInf(dosnet);

            // Files: the final version of each, in the form the base had.
            for (Expected e : rows.stream().filter(x -> x.kind().equals("file")).toList()) {
                String plain = e.subject();
                String packed = BuiltMedia.compressedName(plain);
                if (e.detail().contains("stays compressed as")) {
                    assertThat(m.has(packed)).as(packed + " kept compressed").isTrue();
                    assertThat(m.has(plain)).as(plain + " must not exist beside " + packed).isFalse();
                } else if (e.detail().contains("stays plain")) {
                    assertThat(m.has(plain)).as(plain + " kept plain").isTrue();
                    assertThat(m.has(packed)).as(packed + " must not exist beside " + plain).isFalse();
                }
            }
            for (Expected e : Fixtures.finalBySubject(rows, "file").values()) {
                assertVersion(m, e.subject(), e.value(), e.detail());
            }
            // New files: present and registered in TXTSETUP (disk 100), LAYOUT and DOSNET.
            for (Expected e : rows.stream().filter(x -> x.kind().equals("new-file")).toList()) {
                assertVersion(m, e.subject(), e.value(), e.detail());
                String name = e.subject().substring(e.subject().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                assertThat(tsif.sourceDisksFile(sfx(mediaId), name)).as("TXTSETUP entry of " + name)
                        .hasValueSatisfying(x -> assertThat(x.value().diskId()).isEqualTo("100"));
                assertThat(lay.sourceDisksFile(sfx(mediaId), name)).as("LAYOUT entry of " + name).isPresent();
                assertThat(dos.files()).as("DOSNET line of " + name)
                        .anySatisfy(x -> assertThat(x.value().name()).isEqualToIgnoringCase(name));
            }
            // SP2.CAB members and its registration ahead of DRIVER.CAB.
            for (Expected e : rows.stream().filter(x -> x.kind().equals("driver-cab")).toList()) {
                String member = e.subject().substring(e.subject().lastIndexOf('/') + 1);
                byte[] b = m.cabinetMember(f + "/SP2.CAB", member);
                assertThat(BuiltMedia.version(b, member)).as(e.subject()).contains(FileVersion.parse(e.value()));
            }
            DrvindexInf drv = new DrvindexInf(drvindex);
            assertThat(drv.cabSections().get(0)).isEqualToIgnoringCase("sp2");
            assertThat(drv.cabinetOf("sp2")).hasValueSatisfying(c -> assertThat(c).isEqualToIgnoringCase("sp2.cab"));
            assertThat(tsif.driverCabNames()).anySatisfy(c -> assertThat(c).isEqualToIgnoringCase("sp2.cab"));
            assertThat(dos.files()).anySatisfy(x -> assertThat(x.value().name()).isEqualToIgnoringCase("sp2.cab"));
            // Markers and strings.
            for (Expected e : rows.stream().filter(x -> x.kind().equals("marker")).toList()) {
                assertThat(m.has(e.subject())).as(e.subject() + ": " + e.detail()).isTrue();
            }
            for (Expected e : rows.stream().filter(x -> x.kind().equals("strings")).toList()) {
                assertThat(txt.string(e.subject())).as("TXTSETUP " + e.subject()).contains(e.value());
                assertThat(layout.string(e.subject())).as("LAYOUT " + e.subject()).contains(e.value());
            }
            // DOSNET lines for hotfixed driver-cabinet files (KB822404).
            for (Expected e : rows.stream().filter(x -> x.kind().equals("dosnet")).toList()) {
                String name = e.subject().substring(e.subject().indexOf(',') + 1);
                assertThat(dos.files()).as(e.subject()).anySatisfy(x -> assertThat(x.value().name()).isEqualToIgnoringCase(name));
                assertThat(drv.cabinetFor(name)).as(name + " must not be taken from a driver cabinet any more").isEmpty();
            }
            // Hotfix catalogs and IE7 in SVCPACK.
            SvcpackInf sp = new SvcpackInf(svcpack);
            for (Expected e : rows.stream().filter(x -> x.kind().equals("svcpack-catalog")).toList()) {
                assertThat(m.has(f + "/SVCPACK/" + e.subject())).as(e.subject()).isTrue();
                assertThat(sp.productCatalogs()).anySatisfy(c -> assertThat(c.value()).isEqualToIgnoringCase(e.subject()));
            }
            for (Expected e : rows.stream().filter(x -> x.kind().equals("ie7")).toList()) {
                assertThat(m.bytes(f + "/SVCPACK/IE7.EXE")).as("IE7 package in SVCPACK")
                        .isEqualTo(Files.readAllBytes(Fixtures.packages().resolve(e.subject())));
                assertThat(sp.hotfixesToRun()).anySatisfy(c -> assertThat(c.value()).isEqualTo("IE7.EXE /quiet /norestart /update-no"));
            }
            assertThat(sp.catalogSubDir()).contains("\\" + f.toLowerCase(Locale.ROOT) + "\\svcpack");
            assertThat(dos.optionalSrcDirs()).anySatisfy(d -> assertThat(d.value()).isEqualToIgnoringCase("svcpack"));
            // The boot image came along.
            assertThat(m.reader().bootCatalog()).isPresent();
        }
        // Hotfix decisions, as --plan prints them.
        String plan = PLANS.get(mediaId);
        for (Expected e : rows.stream().filter(x -> x.kind().equals("hotfix")).toList()) {
            String want = e.value().startsWith("integrate:") ? "integrate (" + e.value().substring(10) + ")" : e.value();
            assertThat(plan).as("decision for " + e.subject()).containsPattern("(?m)^  " + e.subject() + "  " + java.util.regex.Pattern.quote(want));
        }
    }

    private static void assertVersion(BuiltMedia m, String path, String expected, String detail) throws Exception {
        byte[] b = m.expanded(path);
        if (expected.startsWith("sha256:")) {
            String got = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
            assertThat("sha256:" + got).as(path + ": " + detail).isEqualTo(expected);
        } else {
            Optional<FileVersion> v = BuiltMedia.version(b, path);
            assertThat(v).as(path + ": " + detail).contains(FileVersion.parse(expected));
        }
    }

    @Test
    void anIsoBaseHandsItsVolumeFieldsAndBootEntryOn() throws Exception {
        Path iso = built("x64-std-ENU");
        try (dev.slipstream.core.iso.IsoImageReader base = dev.slipstream.core.iso.IsoImageReader.open(Fixtures.iso("x64-std-ENU"));
                dev.slipstream.core.iso.IsoImageReader result = dev.slipstream.core.iso.IsoImageReader.open(iso)) {
            assertThat(result.volumeInfo().volumeId()).isEqualTo(base.volumeInfo().volumeId()).isNotBlank();
            assertThat(result.volumeInfo().publisherId()).isEqualTo(base.volumeInfo().publisherId());
            assertThat(result.volumeInfo().applicationId()).isEqualTo(base.volumeInfo().applicationId());
            var b = base.bootCatalog().orElseThrow().images().get(0);
            var r = result.bootCatalog().orElseThrow().images().get(0);
            assertThat(r.platform()).isEqualTo(b.platform());
            assertThat(r.emulation()).isEqualTo(b.emulation());
            assertThat(r.sectorCount()).isEqualTo(b.sectorCount());
            assertThat(r.loadSegment()).isEqualTo(b.loadSegment());
        }
    }

    @Test
    void basesAreNeverModified() throws Exception {
        Path base = Fixtures.media("x86-std-ENU");
        String before = treeHash(base);
        String isoBefore = hash(Fixtures.iso("x64-std-ENU"));
        built("x86-std-ENU");
        built("x64-std-ENU");
        assertThat(treeHash(base)).isEqualTo(before);
        assertThat(hash(Fixtures.iso("x64-std-ENU"))).isEqualTo(isoBefore);
    }

    @Test
    void theSameInputsGiveTheSameIso() throws Exception {
        Path first = built("x86-std-ENU");
        Path again = out.resolve("again.iso");
        CliHarness.Run r = CliHarness.run("build", "--base", Fixtures.media("x86-std-ENU").toString(),
                "--sp2", Fixtures.servicePack("x86", "ENU").toString(), "--hotfix", Fixtures.packages().toString(),
                "--ie7", Fixtures.ie7("x86", "ENU").toString(), "--allow-regressions", "--threads", "1",
                "--catalog", Fixtures.catalog().toString(),
                "--out", again.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(hash(again)).isEqualTo(hash(first));
    }

    static String treeHash(Path root) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                md.update(root.relativize(p).toString().getBytes());
                if (Files.isRegularFile(p)) {
                    md.update(Files.readAllBytes(p));
                    md.update(Files.getLastModifiedTime(p).toString().getBytes());
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static String hash(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(p)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

}
