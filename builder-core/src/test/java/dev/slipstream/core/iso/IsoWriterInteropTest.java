package dev.slipstream.core.iso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our images judged by independent readers: xorriso, isoinfo, 7-Zip and bsdtar must see our boot
 * entry and volume fields and extract the seeded random tree byte for byte.
 */
class IsoWriterInteropTest {

    static final Instant DATE = Instant.parse("2007-03-08T04:00:00Z");

    @TempDir
    static Path tmp;
    static Path tree;
    static Path iso;
    static IsoImageWriter.Result result;
    static Map<String, String> expected;

    static IsoWriteOptions options() {
        return IsoWriteOptions.defaults(DATE)
                .volume(IsoVolumeInfo.defaults(DATE).withVolumeId("CR0SP2_CN").withVolumeSetId("CR0SP2_CN")
                        .withPublisherId("MICROSOFT CORPORATION")
                        .withPreparerId("MICROSOFT CORPORATION, ONE MICROSOFT WAY, REDMOND WA 98052, (425) 882-8080")
                        .withApplicationId("CDIMAGE 2.52 (03/09/2004 TM)").withSystemId("WIN32"))
                .addBootEntry(BootEntry.x86NoEmulation("boot.bin"));
    }

    @BeforeAll
    static void master() throws Exception {
        tree = tmp.resolve("tree");
        RandomTree.create(tree, 20261121L, 400);
        byte[] boot = new byte[2048];
        new java.util.Random(7).nextBytes(boot);
        Files.write(tree.resolve("boot.bin"), boot);
        expected = RandomTree.digest(tree);
        iso = tmp.resolve("random.iso");
        result = new IsoImageWriter(options()).write(IsoTree.fromDirectory(tree), iso);
    }

    @Test
    void theTreeIsWorthTesting() {
        assertThat(expected.keySet()).anyMatch(p -> p.chars().filter(c -> c == '/').count() >= 12)
                .anyMatch(p -> p.contains("中文")).anyMatch(p -> p.length() > 60);
        assertThat(result.duplicateFiles()).isPositive();
        assertThat(expected.values()).contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void xorrisoShowsOurBootEntryAndExtractsTheTree() throws Exception {
        ExternalTool xorriso = ExternalTool.require("xorriso", "xorriso");
        String report = xorriso.run(tmp, 60, "-indev", iso.toString(), "-report_el_torito", "plain")
                .assertSuccess("xorriso -report_el_torito").stdout();
        assertThat(report).containsPattern("El Torito boot img :\\s+1\\s+BIOS\\s+y\\s+none\\s+0x0000\\s+0x00\\s+4\\s+"
                + result.bootImageLbas().get("boot.bin"));
        assertThat(report).contains("El Torito img path :   1  /boot.bin");
        Path out = tmp.resolve("xorriso-out");
        xorriso.run(tmp, 120, "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", out.toString())
                .assertSuccess("xorriso -extract");
        assertThat(RandomTree.digest(out)).isEqualTo(expected);
    }

    @Test
    void sevenZipExtractsTheSameTree() throws Exception {
        ExternalTool sz = ExternalTool.require("7z", "7zip");
        Path out = tmp.resolve("7z-out");
        sz.run(tmp, 120, "x", "-o" + out, iso.toString()).assertSuccess("7z x");
        Map<String, String> got = RandomTree.digest(out);
        assertThat(got.remove("[BOOT]/Boot-NoEmul.img")).isEqualTo(expected.get("boot.bin"));
        got.remove("[BOOT]/");
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void bsdtarExtractsTheSameTree() throws Exception {
        ExternalTool bsdtar = ExternalTool.require("bsdtar", "libarchive-tools");
        Path out = tmp.resolve("bsdtar-out");
        Files.createDirectories(out);
        bsdtar.run(tmp, 120, "-xf", iso.toString(), "-C", out.toString()).assertSuccess("bsdtar -x");
        assertThat(RandomTree.digest(out)).isEqualTo(expected);
    }

    @Test
    void isoinfoShowsOurFieldsAndNoVersionSuffixes() throws Exception {
        ExternalTool isoinfo = ExternalTool.require("isoinfo", "genisoimage");
        String d = isoinfo.run(tmp, 60, "-d", "-i", iso.toString()).assertSuccess("isoinfo -d").stdout();
        assertThat(d).contains("Volume id: CR0SP2_CN", "Volume set id: CR0SP2_CN", "Publisher id: MICROSOFT CORPORATION",
                "Data preparer id: MICROSOFT CORPORATION, ONE MICROSOFT WAY, REDMOND WA 98052, (425) 882-8080",
                "Application id: CDIMAGE 2.52 (03/09/2004 TM)", "System id: WIN32", "Joliet with UCS level 3 found",
                "Eltorito defaultboot header", "Nsect 4");
        String l = isoinfo.run(tmp, 60, "-l", "-i", iso.toString()).assertSuccess("isoinfo -l").stdout();
        List<String> names = new ArrayList<>();
        for (String line : l.split("\n")) {
            if (line.matches("^[d-].*\\]\\s+.*")) {
                names.add(line.substring(line.indexOf(']') + 1).trim());
            }
        }
        assertThat(names).hasSizeGreaterThan(400).noneMatch(n -> n.contains(";"))
                .allMatch(n -> n.equals(".") || n.equals("..") || n.matches("[A-Z0-9_]{1,31}|[A-Z0-9_]{1,29}\\.[A-Z0-9_]{1,12}"))
                .allMatch(n -> n.length() <= 31);
        // The twelve-level chain is there, not relocated.
        assertThat(l).contains("Directory listing of /LEVEL1/LEVEL2/LEVEL3/LEVEL4/LEVEL5/LEVEL6/LEVEL7/LEVEL8/LEVEL9/LEVEL10/LEVEL11/LEVEL12/");
    }

    @Test
    void ourReaderGivesTheTreeBack() throws Exception {
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            assertThat(r.defaultNamespace()).isEqualTo(IsoNamespace.JOLIET);
            assertThat(r.volumeInfo()).isEqualTo(options().volume());
            Map<String, String> got = new java.util.TreeMap<>();
            for (IsoEntry e : r.entries()) {
                got.put(e.directory() ? e.path() + "/" : e.path(),
                        e.directory() ? "dir" : IsoCorpusTest.sha256(r.content(e)));
            }
            assertThat(got).isEqualTo(expected);
            ElToritoCatalog cat = r.bootCatalog().orElseThrow();
            assertThat(cat.checksumValid()).isTrue();
            assertThat(cat.images()).singleElement().satisfies(b -> {
                assertThat(b.sectorCount()).isEqualTo(4);
                assertThat(b.loadSegment()).isZero();
                assertThat(b.effectiveLoadSegment()).isEqualTo(0x7C0);
                assertThat(b.lba()).isEqualTo(result.bootImageLbas().get("boot.bin"));
            });
            // The ISO-9660 tree has the same shape under its short names.
            assertThat(r.entries(IsoNamespace.ISO9660)).hasSameSizeAs(r.entries(IsoNamespace.JOLIET));
        }
    }

    @Test
    void thePathTablesListEveryDirectoryInOrderWithItsParent() throws Exception {
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            for (IsoNamespace ns : new IsoNamespace[] {IsoNamespace.ISO9660, IsoNamespace.JOLIET}) {
                List<IsoImageReader.PathTableEntry> l = r.pathTable(ns, true);
                assertThat(r.pathTable(ns, false)).as("M table = L table").isEqualTo(l);
                Map<String, Long> dirs = new java.util.HashMap<>();
                for (IsoEntry e : r.entries(ns)) {
                    if (e.directory()) {
                        dirs.put(e.path(), e.lba());
                    }
                }
                assertThat(l).hasSize(dirs.size() + 1);
                Map<Integer, String> pathOf = new java.util.HashMap<>();
                pathOf.put(1, "");
                int lastParent = 1;
                for (IsoImageReader.PathTableEntry p : l.subList(1, l.size())) {
                    assertThat(p.parent()).as("sorted by parent").isGreaterThanOrEqualTo(lastParent).isLessThan(p.number());
                    lastParent = p.parent();
                    String path = pathOf.get(p.parent()).isEmpty() ? p.name() : pathOf.get(p.parent()) + "/" + p.name();
                    pathOf.put(p.number(), path);
                    assertThat(dirs.get(path)).as(path).isEqualTo(p.lba());
                }
            }
        }
    }

    @Test
    void remasteringOurImageFromItselfGivesTheSameBytes() throws Exception {
        // The engine's path: a tree taken straight from an image (regions, no extraction).
        Path again = tmp.resolve("remastered.iso");
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            new IsoImageWriter(options().volume(r.volumeInfo())).write(IsoTree.fromImage(r), again);
        }
        assertThat(Files.mismatch(iso, again)).isEqualTo(-1L);
    }

    @Test
    void twoRunsGiveTheSameBytes() throws Exception {
        Path again = tmp.resolve("again.iso");
        new IsoImageWriter(options()).write(IsoTree.fromDirectory(tree), again);
        assertThat(Files.mismatch(iso, again)).isEqualTo(-1L);
    }
}
