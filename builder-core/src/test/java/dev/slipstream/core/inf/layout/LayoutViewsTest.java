package dev.slipstream.core.inf.layout;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutViewsTest {

    private static final String TXTSETUP = String.join("\r\n",
            "[SourceDisksNames.x86]",
            "1 = %cdname%,%cdtagfilei%,,\\i386",
            "100 = %spcdname%,%spcdtagfilei%,,\\i386",
            "",
            "[SourceDisksNames.amd64]",
            "1 = %cdname%,%cdtagfilea%,,\\amd64",
            "55 = %cdname%,%cdtagfilea%,,\\i386",
            "",
            "[SourceDisksFiles]",
            "ntdll.dll = 1,,,,,,_x,2,0,0,,1,2",
            "LCC.dll   = 100,,,,,,,2,0,0,LegitCheckControl.dll",
            "",
            "[SourceDisksFiles.x86]",
            "hal.dll = 1,,,,,,3_,2,0,0",
            "",
            "[WinntDirectories]",
            "2 = system32",
            "4 = system32\\drivers",
            "",
            "[SetupData]",
            "DriverCabName=driver.cab",
            "",
            "[FileFlags]",
            "driver.cab = 16",
            "",
            "[SCSI.Load]",
            "atapi = atapi.sys,4",
            "",
            "[nls]",
            "AnsiCodepage = c_1252.nls",
            "DefaultLayout = 00000409",
            "",
            "[Strings]",
            "cdname = \"Windows Server 2003, Enterprise Edition CD\"",
            "spcdname = \"Windows Server 2003 Service Pack 2 CD\"",
            "cdtagfilei = \"\\win51ia\"",
            "");

    private static InfDocument parse(String text, String name) throws IOException {
        return InfParser.parse(text.getBytes(US_ASCII), name, InfReadOptions.defaults());
    }

    @Test
    void txtsetupReadsAllThirteenFieldsNamedAndTheDiskNames() throws IOException {
        TxtsetupSif sif = new TxtsetupSif(parse(TXTSETUP, "TXTSETUP.SIF"));
        SourceDisksFile lcc = sif.sourceDisksFile("x86", "lcc.DLL").orElseThrow().value();
        assertThat(lcc.diskId()).isEqualTo("100");
        assertThat(lcc.targetDirId()).isEqualTo("2");
        assertThat(lcc.installedName()).isEqualTo("LegitCheckControl.dll");
        SourceDisksFile ntdll = sif.sourceDisksFile("x86", "ntdll.dll").orElseThrow().value();
        assertThat(ntdll.bootMedia()).isEqualTo("_x");
        assertThat(ntdll.winpeDiskId()).isEqualTo("1");
        assertThat(ntdll.winpeDirId()).isEqualTo("2");
        assertThat(sif.sourceDisksFile("x86", "hal.dll").orElseThrow().lineNumber()).isEqualTo(14);
        assertThat(sif.sourceDisksFile("amd64", "hal.dll")).isEmpty();

        assertThat(sif.sourceDisksNames("x86").get("100").value().description()).isEqualTo("Windows Server 2003 Service Pack 2 CD");
        assertThat(sif.sourceDisksNames("x86").get("1").value().tagFile()).isEqualTo("\\win51ia");
        assertThat(sif.sourceDisksNames("amd64").get("55").value().folder()).isEqualTo("I386");
        assertThat(sif.winntDirectories()).containsEntry("4", "system32\\drivers");
        assertThat(sif.driverCabNames()).containsExactly("driver.cab");
        assertThat(sif.fileFlags()).containsEntry("driver.cab", "16");
        assertThat(sif.scsiLoad()).containsEntry("atapi", List.of("atapi.sys", "4"));
        assertThat(sif.nls("ansicodepage")).contains("c_1252.nls");
        assertThat(sif.spcdname()).contains("Windows Server 2003 Service Pack 2 CD");
    }

    @Test
    void txtsetupEditsReplaceInPlaceOrAppendToTheRightSection() throws IOException {
        InfDocument doc = parse(TXTSETUP, "TXTSETUP.SIF");
        TxtsetupSif sif = new TxtsetupSif(doc);
        // replacing keeps the record in the common section where it was
        SourceDisksFile ntdll = sif.sourceDisksFile("x86", "ntdll.dll").orElseThrow().value().withDiskId("100");
        assertThat(sif.putSourceDisksFile("x86", ntdll)).isTrue();
        assertThat(sif.putSourceDisksFile("x86", ntdll)).isFalse();
        assertThat(sif.putSourceDisksFile("x86", SourceDisksFile.of("sp2new.dll", "100", "2"))).isTrue();
        assertThat(sif.addDriverCabName("sp2.cab")).isTrue();
        assertThat(sif.addDriverCabName("SP2.CAB")).isFalse();
        assertThat(sif.putFileFlag("sp2.cab", 16)).isTrue();

        String expected = TXTSETUP
                .replace("ntdll.dll = 1,,,,,,_x,2,0,0,,1,2", "ntdll.dll = 100,,,,,,_x,2,0,0,,1,2")
                .replace("hal.dll = 1,,,,,,3_,2,0,0\r\n", "hal.dll = 1,,,,,,3_,2,0,0\r\nsp2new.dll = 100,,,,,,,2,0,0\r\n")
                .replace("DriverCabName=driver.cab\r\n", "DriverCabName=driver.cab\r\nDriverCabName=sp2.cab\r\n")
                .replace("driver.cab = 16\r\n", "driver.cab = 16\r\nsp2.cab = 16\r\n");
        assertThat(new String(doc.toBytes(), US_ASCII)).isEqualTo(expected);
        assertThat(sif.driverCabNames()).containsExactly("driver.cab", "sp2.cab");
    }

    @Test
    void reactosTxtsetupIsReadThroughTheView() throws IOException {
        TxtsetupSif sif = new TxtsetupSif(InfParser.parse(SharedCorpus.corpus("inf/reactos-0.4.13/boot__bootdata__txtsetup.sif")));
        assertThat(sif.sourceDisksFiles("x86")).hasSizeGreaterThan(40);
        assertThat(sif.sourceDisksNames("x86").get("1").value().path()).isEqualTo("\\reactos");
        assertThat(sif.nls("DefaultLayout")).contains("00000409");
    }

    @Test
    void dosnetListsFilesFloppiesDirectoriesAndOptionalDirs() throws IOException {
        String text = "[Directories]\r\nd1 = \\i386\r\n\r\n[Files]\r\nd1,ntdll.dll\r\nd1,lcc.dll,LegitCheckControl.dll\r\n\r\n"
                + "[FloppyFiles.1]\r\nd1,ntkrnlmp.ex_\r\n\r\n[OptionalSrcDirs]\r\nsvcpack\r\n";
        InfDocument doc = parse(text, "DOSNET.INF");
        DosnetInf dosnet = new DosnetInf(doc);
        assertThat(dosnet.directories()).containsEntry("d1", "\\i386");
        assertThat(dosnet.files()).extracting(l -> l.value().mediaName()).containsExactly("ntdll.dll", "LegitCheckControl.dll");
        assertThat(dosnet.floppyNumbers()).containsExactly(1);
        assertThat(dosnet.floppyFiles(1)).extracting(l -> l.value().name()).containsExactly("ntkrnlmp.ex_");
        assertThat(dosnet.optionalSrcDirs()).extracting(Located::value).containsExactly("svcpack");
        assertThat(dosnet.addFile("NTDLL.DLL")).isFalse();
        assertThat(dosnet.addFile("sp2.cab")).isTrue();
        assertThat(dosnet.removeFile("lcc.dll")).isEqualTo(1);
        assertThat(new String(doc.toBytes(), US_ASCII)).isEqualTo(
                text.replace("d1,lcc.dll,LegitCheckControl.dll\r\n", "d1,sp2.cab\r\n"));
    }

    @Test
    void drvindexSearchesCabinetsInCabFilesOrderAndAddsACabinetFirst() throws IOException {
        String text = "[Version]\r\nSignature=\"$Windows NT$\"\r\nCabFiles=SP1,driver\r\n\r\n[driver]\r\nvga.sys\r\natapi.sys\r\n\r\n"
                + "[SP1]\r\nvga.sys\r\n\r\n[Cabs]\r\ndriver=driver.cab\r\nSP1=sp1.cab\r\n";
        InfDocument doc = parse(text, "DRVINDEX.INF");
        DrvindexInf drv = new DrvindexInf(doc);
        assertThat(drv.cabSections()).containsExactly("SP1", "driver");
        assertThat(drv.cabinetFor("VGA.SYS")).map(DrvindexInf.CabinetFile::cabinet).contains("sp1.cab");
        assertThat(drv.cabinetFor("atapi.sys")).map(DrvindexInf.CabinetFile::cabinet).contains("driver.cab");
        assertThat(drv.addCabinet("SP2", "sp2.cab")).isTrue();
        assertThat(drv.addFile("SP2", "vga.sys")).isTrue();
        assertThat(drv.cabSections()).containsExactly("SP2", "SP1", "driver");
        assertThat(drv.cabinetFor("vga.sys")).map(DrvindexInf.CabinetFile::cabinet).contains("sp2.cab");
        assertThat(new String(doc.toBytes(), US_ASCII)).isEqualTo(text
                .replace("CabFiles=SP1,driver", "CabFiles=SP2,SP1,driver")
                .replace("SP1=sp1.cab\r\n", "SP1=sp1.cab\r\nSP2=sp2.cab\r\n\r\n[SP2]\r\nvga.sys\r\n"));
    }

    @Test
    void svcpackIsCreatedLikeIntegrateWritesItAndListsCatalogsAndCommands() throws IOException {
        SvcpackInf sp = SvcpackInf.create("SVCPACK.INF", "i386");
        sp.addProductCatalog("KB925902.cat");
        sp.addHotfixToRun("KB925902.exe /q /n /z");
        assertThat(sp.addHotfixToRun("kb925902.EXE /q /n /z")).isFalse();
        String text = new String(sp.document().toBytes(), US_ASCII);
        assertThat(text).isEqualTo("[Version]\r\nSignature = \"$Windows NT$\"\r\nMajorVersion = 5\r\nMinorVersion = 2\r\n"
                + "BuildNumber = 3790\r\n\r\n[SetupData]\r\nCatalogSubDir = \"\\i386\\svcpack\"\r\n\r\n"
                + "[ProductCatalogsToInstall]\r\nKB925902.cat\r\n\r\n[SetupHotfixesToRun]\r\nKB925902.exe /q /n /z\r\n");
        SvcpackInf reread = new SvcpackInf(parse(text, "SVCPACK.INF"));
        assertThat(reread.catalogSubDir()).contains("\\i386\\svcpack");
        assertThat(reread.version("BuildNumber")).contains("3790");
        assertThat(reread.productCatalogs()).extracting(Located::value).containsExactly("KB925902.cat");
        assertThat(reread.hotfixesToRun()).extracting(Located::value).containsExactly("KB925902.exe /q /n /z");
    }
}
