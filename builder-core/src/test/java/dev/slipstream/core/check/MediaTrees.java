package dev.slipstream.core.check;

import dev.slipstream.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small, consistent install trees for the checker tests; each test then breaks one thing. */
public final class MediaTrees {

    private MediaTrees() {
    }

    static final String TXTSETUP = String.join("\r\n",
            "[SourceDisksNames.x86]",
            "1 = %cdname%,%cdtagfilei%,,\\i386",
            "100 = %spcdname%,%spcdtagfilei%,,\\i386",
            "",
            "[SourceDisksFiles]",
            "ntdll.dll = 1,,,,,,_x,2,0,0",
            "kernel32.dll = 100,,,,,,,2,0,0",
            "driver.cab = 1,,,,,,_x,39,0,0",
            "sp2.cab = 100,,,,,,_x,39,0,0",
            "vga.sys = 1,,,,,,,4,0,0",
            "",
            "[SetupData]",
            "DriverCabName=driver.cab",
            "",
            "[FileFlags]",
            "driver.cab = 16",
            "",
            "[nls]",
            "AnsiCodepage = c_1252.nls",
            "DefaultLayout = 00000409",
            "",
            "[Strings]",
            "cdname = \"Windows Server 2003, Enterprise Edition CD\"",
            "spcdname = \"Windows Server 2003 Service Pack 2 CD\"",
            "cdtagfilei = \"\\win51ia\"",
            "spcdtagfilei = \"\\win51ia.sp2\"",
            "");

    static final String LAYOUT = String.join("\r\n",
            "[SourceDisksNames.x86]",
            "1 = %cdname%,%cdtagfilei%,,\\i386",
            "100 = %spcdname%,%spcdtagfilei%,,\\i386",
            "",
            "[SourceDisksFiles]",
            "ntdll.dll = 1,,,,,,_x,2,0,0",
            "kernel32.dll = 100,,,,,,,2,0,0",
            "vga.sys = 1,,,,,,,4,0,0",
            "",
            "[Strings]",
            "cdname = \"Windows Server 2003, Enterprise Edition CD\"",
            "spcdname = \"Windows Server 2003 Service Pack 2 CD\"",
            "cdtagfilei = \"\\win51ia\"",
            "spcdtagfilei = \"\\win51ia.sp2\"",
            "");

    static final String DOSNET = String.join("\r\n",
            "[Directories]",
            "d1 = \\i386",
            "",
            "[Files]",
            "d1,ntdll.dll",
            "d1,kernel32.dll",
            "d1,driver.cab",
            "d1,sp2.cab",
            "",
            "[OptionalSrcDirs]",
            "svcpack",
            "");

    static final String DRVINDEX = String.join("\r\n",
            "[Version]",
            "Signature=\"$Windows NT$\"",
            "CabFiles=SP2,driver",
            "",
            "[driver]",
            "vga.sys",
            "",
            "[SP2]",
            "sp2only.sys",
            "",
            "[Cabs]",
            "driver=driver.cab",
            "SP2=sp2.cab",
            "");

    static final String SVCPACK = String.join("\r\n",
            "[Version]",
            "Signature=\"$Windows NT$\"",
            "MajorVersion=5",
            "MinorVersion=2",
            "BuildNumber=3790",
            "",
            "[SetupData]",
            "CatalogSubDir=\"\\i386\\svcpack\"",
            "",
            "[ProductCatalogsToInstall]",
            "KB925902.cat",
            "",
            "[SetupHotfixesToRun]",
            "KB925902.exe /q /n /z",
            "");

    /** A clean slipstreamed x86 Enterprise SP2 tree, with real cabinets made by gcab. */
    public static Path x86(Path root) throws IOException {
        write(root, "WIN51", "");
        write(root, "WIN51IA", "");
        write(root, "WIN51IA.SP2", "");
        write(root, "I386/TXTSETUP.SIF", TXTSETUP);
        write(root, "I386/LAYOUT.INF", LAYOUT);
        write(root, "I386/DOSNET.INF", DOSNET);
        write(root, "I386/DRVINDEX.INF", DRVINDEX);
        write(root, "I386/SVCPACK.INF", SVCPACK);
        write(root, "I386/SP2.CAT", "catalog");
        write(root, "I386/NTDLL.DLL", "ntdll, version 5.2.3790.3959");
        compress(root, "I386/KERNEL32.DL_", "kernel32.dll", "kernel32, version 5.2.3790.3959");
        cabinet(root, "I386/DRIVER.CAB", "vga.sys", "vga from RTM");
        cabinet(root, "I386/SP2.CAB", "sp2only.sys", "driver new in SP2");
        write(root, "I386/SVCPACK/KB925902.CAT", "catalog");
        write(root, "I386/SVCPACK/KB925902.EXE", "MZ hotfix");
        return root;
    }

    public static void write(Path root, String rel, String text) throws IOException {
        write(root, rel, text, StandardCharsets.US_ASCII);
    }

    static void write(Path root, String rel, String text, Charset cs) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, text.getBytes(cs));
    }

    /** A compressed single-file copy ({@code NAME.DL_}) holding {@code member}. */
    static void compress(Path root, String rel, String member, String content) throws IOException {
        cabinet(root, rel, member, content);
    }

    /** A cabinet made by gcab (MSZIP) with one member. */
    static void cabinet(Path root, String rel, String member, String content) throws IOException {
        ExternalTool.require("gcab", "gcab");
        Path work = Files.createTempDirectory(root.getParent(), "cab");
        Path m = work.resolve(member);
        Files.writeString(m, content, StandardCharsets.US_ASCII);
        Path out = root.resolve(rel);
        Files.createDirectories(out.getParent());
        Process p = new ProcessBuilder("gcab", "-c", "-z", "-n", out.toString(), m.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException("gcab failed: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
