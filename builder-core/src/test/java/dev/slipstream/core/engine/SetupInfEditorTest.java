package dev.slipstream.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.inf.layout.DosnetInf;
import dev.slipstream.core.inf.layout.DrvindexInf;
import dev.slipstream.core.inf.layout.LayoutInf;
import dev.slipstream.core.inf.layout.SvcpackInf;
import dev.slipstream.core.inf.layout.TxtsetupSif;
import dev.slipstream.core.media.Architecture;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SetupInfEditorTest {

    InfDocument txt;
    InfDocument dos;
    InfDocument lay;
    InfDocument drv;
    InfDocument svc;
    SetupInfEditor editor;

    static InfDocument inf(String text) throws Exception {
        return InfParser.parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1), "test.inf", InfReadOptions.defaults());
    }

    @BeforeEach
    void media() throws Exception {
        txt = inf("[SetupData]\nDriverCabName=driver.cab\n[SourceDisksNames.x86]\n1 = %cdname%,%cdtagfilei%,,\\i386\n"
                + "[SourceDisksFiles]\nusb.inf = 1,,,,,,,20,0,0\n[SourceDisksFiles.x86]\nntdll.dll = 1,,,,,,_x,2,0,0\n"
                + "usbport.sys = 1,,,,,,_x,4,0,0\n[FileFlags]\ndriver.cab = 16\n[Strings]\ncdname = \"Windows CD\"\n");
        dos = inf("[Directories]\nd1 = \\i386\n[Files]\nd1,ntdll.dll\nd1,driver.cab\n");
        lay = inf("[SourceDisksNames.x86]\n1 = %cdname%,%cdtagfilei%,,\\i386\n[SourceDisksFiles.x86]\nntdll.dll = 1,,30208,,,,_x,2,0,0\n");
        drv = inf("[Version]\nSignature=\"$Windows NT$\"\nCabFiles=driver\n[driver]\nusbport.sys\nvga.sys\n[Cabs]\ndriver=driver.cab\n");
        svc = SvcpackInf.create("SVCPACK.INF", "i386").document();
        editor = new SetupInfEditor(Architecture.X86, new TxtsetupSif(txt), new DosnetInf(dos), new LayoutInf(lay),
                new DrvindexInf(drv), new SvcpackInf(svc));
    }

    @Test
    void theServicePackCabinetComesFirstEverywhereSetupLooks() {
        editor.registerDriverCabinet("sp2.cab", "sp2", List.of("vga.sys", "NEW.SYS"), 12345);
        DrvindexInf d = new DrvindexInf(drv);
        assertThat(d.cabSections()).containsExactly("sp2", "driver");
        assertThat(d.cabinetFor("vga.sys")).hasValueSatisfying(c -> assertThat(c.cabinet()).isEqualTo("sp2.cab"));
        assertThat(new TxtsetupSif(txt).driverCabNames()).containsExactly("driver.cab", "sp2.cab");
        assertThat(txt.text()).contains("sp2.cab = 100,,,,,,_x,39,0,0").contains("sp2.cab = 16");
        assertThat(lay.text()).contains("sp2.cab = 100,,12345,,,,_x,39,0,0");
        assertThat(dos.text()).contains("d1,sp2.cab");
    }

    @Test
    void aReplacedFileMovesToDisk100AndLeavesTheDriverCabinet() {
        editor.replaced("usbport.sys", 9000, true, "d1");
        editor.replaced("ntdll.dll", 31744, true, "d1");
        assertThat(txt.text()).contains("usbport.sys = 100,,,,,,_x,4,0,0").contains("ntdll.dll = 100,,,,,,_x,2,0,0");
        assertThat(lay.text()).contains("ntdll.dll = 100,,31744,,,,_x,2,0,0");
        assertThat(dos.text()).contains("d1,usbport.sys");
        assertThat(new DrvindexInf(drv).cabinetFor("usbport.sys")).isEmpty();
        assertThat(new DrvindexInf(drv).cabinetFor("vga.sys")).isPresent();
    }

    @Test
    void anAddedFileIsRegisteredOnceHoweverOftenItIsAdded() {
        editor.declareServicePackDisk("Windows Server 2003 Service Pack 2 CD-ROM", "\\win51is.sp2");
        editor.added("MSXML6.DLL", 4608, "100", "d1");
        editor.added("msxml6.dll", 4608, "100", "d1");
        assertThat(txt.text()).containsOnlyOnce("msxml6.dll = 100,,,,,,,2,0,0")
                .contains("100 = %spcdname%,%spcdtagfilei%,,\\i386")
                .contains("spcdname = \"Windows Server 2003 Service Pack 2 CD-ROM\"");
        assertThat(lay.text()).containsOnlyOnce("msxml6.dll = 100,,4608,,,,,2,0,0");
        assertThat(dos.text()).containsOnlyOnce("d1,msxml6.dll");
        assertThat(txt.string("spcdtagfilei")).contains("\\win51is.sp2");
    }

    @Test
    void svcpackGetsCatalogsAndT13Commands() {
        editor.useSvcpackFolder();
        editor.catalog("KB925902.CAT");
        editor.runAtT13("KB925902.EXE /q /n /z");
        editor.runAtT13("KB925902.EXE /q /n /z");
        SvcpackInf s = new SvcpackInf(svc);
        assertThat(s.productCatalogs()).extracting(l -> l.value()).containsExactly("kb925902.cat");
        assertThat(s.hotfixesToRun()).extracting(l -> l.value()).containsExactly("KB925902.EXE /q /n /z");
        assertThat(s.catalogSubDir()).contains("\\i386\\svcpack");
        assertThat(new DosnetInf(dos).optionalSrcDirs()).extracting(l -> l.value()).containsExactly("svcpack");
    }
}
