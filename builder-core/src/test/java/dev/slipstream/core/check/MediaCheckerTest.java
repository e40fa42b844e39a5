package dev.slipstream.core.check;

import static dev.slipstream.core.check.MediaTrees.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.check.MediaChecker.CompressedTest;
import dev.slipstream.core.inf.InfEncoding;
import dev.slipstream.core.json.JsonWriter;
import dev.slipstream.core.media.Architecture;
import dev.slipstream.core.media.CabinetAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaCheckerTest {

    @TempDir
    Path dir;

    Path tree;

    @BeforeEach
    void build() throws IOException {
        tree = MediaTrees.x86(dir.resolve("cd"));
    }

    /** The cabinet access under test; subclasses run every test through another reader. */
    CabinetAccess cabs() {
        return new CabextractAccess();
    }

    private CheckReport check() throws IOException {
        return new MediaChecker(cabs()).check(tree);
    }

    private static List<Finding> withCode(CheckReport r, String code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).toList();
    }

    private static void replaceIn(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        assertThat(s).contains(from);
        Files.writeString(file, s.replace(from, to));
    }

    @Test
    void aCleanTreeReportsCleanAndNamesTheMedia() throws IOException {
        CheckReport r = check();
        assertThat(r.findings()).isEmpty();
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.media().architecture()).isEqualTo(Architecture.X86);
        assertThat(r.media().edition()).isEqualTo("Enterprise Edition");
        assertThat(r.media().language()).isEqualTo("ENU");
        assertThat(r.media().servicePack()).isEqualTo(2);
        assertThat(r.media().servicePackEvidence()).containsKeys("I386/TXTSETUP.SIF spcdname", "I386/SP2.CAT", "WIN51IA.SP2");
        assertThat(r.toText()).contains("x86 (I386)").contains("Enterprise Edition (WIN51IA)").contains("ENU")
                .contains("SP2").contains("0 error(s), 0 warning(s)");
    }

    @Test
    void aListedFileMissingFromTheMediaIsAnErrorAtEachListingLine() throws IOException {
        Files.delete(tree.resolve("I386/NTDLL.DLL"));
        CheckReport r = check();
        assertThat(r.hasErrors()).isTrue();
        assertThat(withCode(r, "missing-file")).extracting(Finding::location).containsExactlyInAnyOrder(
                "I386/DOSNET.INF:5 [Files]", "I386/LAYOUT.INF:6 [SourceDisksFiles]", "I386/TXTSETUP.SIF:6 [SourceDisksFiles]");
        assertThat(withCode(r, "missing-file").get(0).message()).contains("ntdll.dll").contains("I386/ntdll.dl_");
    }

    @Test
    void aFileOnlyInADriverCabinetIsNotMissingButAMissingCabinetIs() throws IOException {
        assertThat(withCode(check(), "missing-file")).isEmpty();
        Files.delete(tree.resolve("I386/DRIVER.CAB"));
        CheckReport r = check();
        assertThat(withCode(r, "missing-file")).extracting(Finding::location).contains(
                "I386/DRVINDEX.INF:12 [Cabs]", "I386/TXTSETUP.SIF:13 [SetupData]", "I386/TXTSETUP.SIF:8 [SourceDisksFiles]");
    }

    @Test
    void aFileNothingReferencesIsAWarning() throws IOException {
        write(tree, "I386/OLDFIX.DLL", "left over");
        CheckReport r = check();
        assertThat(withCode(r, "unreferenced-file")).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("I386/OLDFIX.DLL");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
        assertThat(r.hasErrors()).isFalse();
    }

    @Test
    void aHotfixedFileShadowedByTheDriverCabinetAndMissingFromDosnetIsKb822404() throws IOException {
        write(tree, "I386/VGA.SYS", "vga from a hotfix");
        CheckReport r = check();
        assertThat(withCode(r, "shadowed-by-driver-cab")).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("I386/DRVINDEX.INF:6 [driver]");
            assertThat(f.message()).contains("KB822404").contains("d1,vga.sys");
        });
        replaceIn(tree.resolve("I386/DOSNET.INF"), "d1,sp2.cab\r\n", "d1,sp2.cab\r\nd1,vga.sys\r\n");
        assertThat(withCode(check(), "shadowed-by-driver-cab")).isEmpty();
    }

    @Test
    void duplicateEntriesAreFoundCaseInsensitively() throws IOException {
        replaceIn(tree.resolve("I386/TXTSETUP.SIF"), "vga.sys = 1,,,,,,,4,0,0\r\n", "vga.sys = 1,,,,,,,4,0,0\r\nNTDLL.DLL = 1,,,,,,_x,2,0,0\r\n");
        replaceIn(tree.resolve("I386/DOSNET.INF"), "d1,sp2.cab\r\n", "d1,sp2.cab\r\nD1,Kernel32.DLL\r\n");
        CheckReport r = check();
        assertThat(withCode(r, "duplicate-entry")).extracting(Finding::location)
                .containsExactlyInAnyOrder("I386/TXTSETUP.SIF:11 [SourceDisksFiles]", "I386/DOSNET.INF:9 [Files]");
        assertThat(withCode(r, "duplicate-entry").get(0).message()).contains("first at line");
    }

    @Test
    void filesDifferingOnlyInCaseAreDuplicates() throws IOException {
        write(tree, "I386/ntdll.dll", "another ntdll");
        assertThat(withCode(check(), "duplicate-file")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("I386/NTDLL.DLL").contains("I386/ntdll.dll"));
    }

    @Test
    void duplicateSectionsAreAWarning() throws IOException {
        Files.writeString(tree.resolve("I386/DOSNET.INF"), MediaTrees.DOSNET + "\r\n[Files]\r\nd1,ntdll.dll\r\n");
        CheckReport r = check();
        assertThat(withCode(r, "duplicate-section")).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(13));
        assertThat(withCode(r, "duplicate-entry")).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(14));
    }

    @Test
    void compressedAndPlainCopiesThatDifferAreAnErrorAndIdenticalOnesAWarning() throws IOException {
        write(tree, "I386/KERNEL32.DLL", "kernel32, version 5.2.3790.1830");
        assertThat(withCode(check(), "compressed-plain-differ")).singleElement()
                .satisfies(f -> assertThat(f.file()).isEqualTo("I386/KERNEL32.DLL"));
        write(tree, "I386/KERNEL32.DLL", "kernel32, version 5.2.3790.3959");
        CheckReport same = check();
        assertThat(withCode(same, "compressed-plain-differ")).isEmpty();
        assertThat(withCode(same, "compressed-and-plain")).hasSize(1);
    }

    @Test
    void longNamesWhereSetupNeeds83AreErrors() throws IOException {
        write(tree, "I386/LegitCheckControl.dll", "long");
        replaceIn(tree.resolve("I386/TXTSETUP.SIF"), "vga.sys = 1,,,,,,,4,0,0\r\n",
                "vga.sys = 1,,,,,,,4,0,0\r\nLegitCheckControl.dll = 100,,,,,,,2,0,0\r\n");
        CheckReport r = check();
        assertThat(withCode(r, "not-8.3")).extracting(Finding::location)
                .containsExactlyInAnyOrder("I386/LegitCheckControl.dll", "I386/TXTSETUP.SIF:11 [SourceDisksFiles]");
    }

    @Test
    void missingAndInconsistentTagFilesAreFound() throws IOException {
        Files.delete(tree.resolve("WIN51IA"));
        write(tree, "WIN51AA", "");
        CheckReport r = check();
        assertThat(withCode(r, "tag-mismatch")).extracting(Finding::file).containsExactlyInAnyOrder("WIN51AA", "WIN51IA.SP2");
        assertThat(withCode(r, "missing-tag")).extracting(Finding::location)
                .containsExactlyInAnyOrder("I386/LAYOUT.INF:2 [SourceDisksNames.x86]", "I386/TXTSETUP.SIF:2 [SourceDisksNames.x86]");

        Files.delete(tree.resolve("WIN51"));
        assertThat(withCode(check(), "missing-tag")).extracting(Finding::file).contains("WIN51");
    }

    @Test
    void servicePackEvidenceThatDisagreesIsAnError() throws IOException {
        write(tree, "I386/SP1.CAT", "old catalog");
        Files.delete(tree.resolve("I386/SP2.CAT"));
        CheckReport r = check();
        assertThat(withCode(r, "sp-level-mismatch")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("I386/SP1.CAT=1").contains("WIN51IA.SP2=2"));
    }

    @Test
    void aCorruptCompressedFileIsFoundThroughTheCabinetReader() throws IOException {
        Path packed = tree.resolve("I386/KERNEL32.DL_");
        byte[] b = Files.readAllBytes(packed);
        for (int i = b.length - 8; i < b.length; i++) {
            b[i] ^= 0x5A;
        }
        Files.write(packed, b);
        assertThat(withCode(check(), "corrupt-compressed")).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("I386/KERNEL32.DL_");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
    }

    @Test
    void aBuildCheckDecompressesOnlyTheFilesItWroteAndSaysSo() throws IOException {
        Path packed = tree.resolve("I386/KERNEL32.DL_");
        byte[] b = Files.readAllBytes(packed);
        for (int i = b.length - 8; i < b.length; i++) {
            b[i] ^= 0x5A;
        }
        Files.write(packed, b);
        CheckReport untouched = new MediaChecker(cabs(), path -> path.equalsIgnoreCase("I386/KERNEL32.DL_") ? CompressedTest.SKIP : CompressedTest.DECODE).check(tree);
        assertThat(withCode(untouched, "corrupt-compressed")).isEmpty();
        assertThat(withCode(untouched, "base-compressed-not-tested")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("1 compressed file"));
        CheckReport written = new MediaChecker(cabs(), path -> path.equalsIgnoreCase("I386/KERNEL32.DL_") ? CompressedTest.DECODE : CompressedTest.SKIP).check(tree);
        assertThat(withCode(written, "corrupt-compressed")).singleElement()
                .satisfies(f -> assertThat(f.file()).isEqualTo("I386/KERNEL32.DL_"));
    }

    @Test
    void aDriverCabinetThatLacksAnIndexedFileIsFound() throws IOException {
        replaceIn(tree.resolve("I386/DRVINDEX.INF"), "[driver]\r\nvga.sys\r\n", "[driver]\r\nvga.sys\r\nati.sys\r\n");
        assertThat(withCode(check(), "cab-index-mismatch")).singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo("I386/DRVINDEX.INF:7 [driver]"));
    }

    @Test
    void svcpackEntriesMustExist() throws IOException {
        Files.delete(tree.resolve("I386/SVCPACK/KB925902.EXE"));
        Files.delete(tree.resolve("I386/SVCPACK/KB925902.CAT"));
        assertThat(withCode(check(), "missing-file")).extracting(Finding::location).containsExactlyInAnyOrder(
                "I386/SVCPACK.INF:11 [ProductCatalogsToInstall]", "I386/SVCPACK.INF:14 [SetupHotfixesToRun]");
    }

    @Test
    void aCompressedLayoutIsReadThroughTheCabinetReader() throws IOException {
        Files.delete(tree.resolve("I386/LAYOUT.INF"));
        MediaTrees.compress(tree, "I386/LAYOUT.IN_", "layout.inf",
                MediaTrees.LAYOUT.replace("vga.sys = 1,,,,,,,4,0,0", "vga.sys = 1,,,,,,,4,0,0\r\nnotthere.dll = 1,,,,,,,2,0,0"));
        assertThat(withCode(check(), "missing-file")).singleElement()
                .satisfies(f -> assertThat(f.location()).isEqualTo("I386/LAYOUT.IN_:9 [SourceDisksFiles]"));
    }

    @Test
    void withoutACabinetReaderCompressedFilesAreReportedUntestedNotPassed() throws IOException {
        write(tree, "I386/KERNEL32.DLL", "kernel32");
        Files.delete(tree.resolve("I386/LAYOUT.INF"));
        MediaTrees.compress(tree, "I386/LAYOUT.IN_", "layout.inf", MediaTrees.LAYOUT);
        CheckReport r = new MediaChecker(CabinetAccess.unavailable()).check(tree);
        assertThat(withCode(r, "compressed-not-tested")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        assertThat(withCode(r, "compressed-not-read")).singleElement()
                .satisfies(f -> assertThat(f.file()).isEqualTo("I386/LAYOUT.IN_"));
        assertThat(withCode(r, "compressed-and-plain")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("not compared"));
    }

    @Test
    void x64MediaUseAmd64AndTheI386FolderThroughItsDiskId() throws IOException {
        Path x64 = dir.resolve("x64");
        write(x64, "WIN51", "");
        write(x64, "WIN51AA", "");
        write(x64, "AMD64/TXTSETUP.SIF", String.join("\r\n",
                "[SourceDisksNames.amd64]",
                "1 = \"Windows Server 2003 x64 CD\",\\win51aa,,\\amd64",
                "55 = \"Windows Server 2003 x64 CD\",\\win51aa,,\\i386",
                "[SourceDisksFiles]",
                "ntdll.dll = 1,,,,,,_x,2,0,0",
                "[SourceDisksFiles.amd64]",
                "wntdll.dll = 55,,,,,,,16425,0,0,ntdll.dll",
                "[nls]",
                "DefaultLayout = 00000407",
                ""));
        write(x64, "AMD64/DOSNET.INF", "[Directories]\r\nd1 = \\amd64\r\nd2 = \\i386\r\n[Files]\r\nd1,ntdll.dll\r\nd2,wntdll.dll\r\n");
        write(x64, "AMD64/NTDLL.DLL", "64-bit");
        write(x64, "I386/WNTDLL.DLL", "32-bit");
        CheckReport r = new MediaChecker(cabs()).check(x64);
        assertThat(r.media().architecture()).isEqualTo(Architecture.AMD64);
        assertThat(r.media().archFolders()).containsExactlyInAnyOrder("AMD64", "I386");
        assertThat(r.media().edition()).isEqualTo("Enterprise x64 Edition");
        assertThat(r.media().language()).isEqualTo("DEU");
        assertThat(r.media().servicePack()).isZero();
        assertThat(r.findings()).extracting(Finding::code).containsExactlyInAnyOrder("missing-file", "missing-file");
        assertThat(r.findings()).extracting(Finding::file).containsOnly("AMD64/LAYOUT.INF", "AMD64/DRVINDEX.INF");

        Files.delete(x64.resolve("I386/WNTDLL.DLL"));
        assertThat(withCode(new MediaChecker(cabs()).check(x64), "missing-file")).extracting(Finding::location)
                .contains("AMD64/TXTSETUP.SIF:7 [SourceDisksFiles.amd64]", "AMD64/DOSNET.INF:6 [Files]");
    }

    @Test
    void ia64MediaAreRecognised() throws IOException {
        Path ia64 = dir.resolve("ia64");
        write(ia64, "WIN51", "");
        write(ia64, "WIN51MA", "");
        write(ia64, "IA64/TXTSETUP.SIF", "[SourceDisksNames.ia64]\r\n1 = cd,\\win51ma,,\\ia64\r\n[SourceDisksFiles]\r\nntdll.dll = 1,,,,,,_x,2,0,0\r\n");
        write(ia64, "IA64/NTDLL.DLL", "ia64");
        CheckReport r = new MediaChecker(cabs()).check(ia64);
        assertThat(r.media().architecture()).isEqualTo(Architecture.IA64);
        assertThat(r.media().edition()).isEqualTo("Enterprise Edition for Itanium");
        assertThat(withCode(r, "tag-mismatch")).isEmpty();
    }

    @Test
    void simplifiedChineseMediaAreReadInCodePage936() throws IOException {
        write(tree, "I386/TXTSETUP.SIF", MediaTrees.TXTSETUP.replace("c_1252.nls", "c_936.nls").replace("00000409", "00000804")
                .replace("Windows Server 2003 Service Pack 2 CD", "Windows Server 2003 Service Pack 2 中文版光盘"), InfEncoding.CP936);
        CheckReport r = check();
        assertThat(r.findings()).isEmpty();
        assertThat(r.media().language()).isEqualTo("CHS");
        assertThat(r.media().ansiCodePage()).isEqualTo(936);
    }

    @Test
    void aBrokenSetupFileIsAnErrorWithItsLine() throws IOException {
        Files.writeString(tree.resolve("I386/DOSNET.INF"), "[Directories]\r\nd1 = \\i386\r\n[Files\r\n");
        assertThat(withCode(check(), "unreadable-inf")).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("I386/DOSNET.INF:3");
            assertThat(f.message()).contains("closing ']'");
        });
    }

    @Test
    void aTreeWithoutSetupFilesIsNotInstallMedia() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CheckReport r = new MediaChecker(CabinetAccess.unavailable()).check(empty);
        assertThat(withCode(r, "not-install-media")).hasSize(1);
    }

    @Test
    void theJsonReportCarriesMediaAndFindingsWithFileSectionAndLine() throws IOException {
        Files.delete(tree.resolve("I386/NTDLL.DLL"));
        StringBuilder sb = new StringBuilder();
        check().writeJson(new JsonWriter(sb));
        assertThat(sb.toString()).contains("\"architecture\": \"x86\"").contains("\"servicePack\": 2")
                .contains("\"code\": \"missing-file\"").contains("\"file\": \"I386/TXTSETUP.SIF\"")
                .contains("\"section\": \"SourceDisksFiles\"").contains("\"line\": 6");
    }
}
