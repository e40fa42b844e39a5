package dev.slipstream.core.iso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.ExternalTool;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElToritoTest {

    static final Instant DATE = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void anX86EntryWithBootInfoTableAndAnEfiSectionEntry() throws Exception {
        byte[] boot = random(6000, 1);
        byte[] efi = random(1440 * 1024, 2);
        IsoTree t = new IsoTree().add("boot/loader.bin", ContentSource.ofBytes(boot, "loader"))
                .add("boot/efisys.img", ContentSource.ofBytes(efi, "efi"))
                .add("copy.bin", ContentSource.ofBytes(boot, "copy of the loader"));
        IsoWriteOptions o = IsoWriteOptions.defaults(DATE).bootCatalogId("Microsoft Corporation")
                .addBootEntry(BootEntry.x86NoEmulation("boot/loader.bin").withBootInfoTable(true))
                .addBootEntry(new BootEntry(IsoConstants.PLATFORM_EFI, IsoConstants.EMULATION_NONE, 0, -1,
                        "boot/efisys.img", null, false))
                .bootCatalogPath("boot/boot.cat");
        Path iso = tmp.resolve("efi.iso");
        IsoImageWriter.Result res = new IsoImageWriter(o).write(t, iso);
        // The patched loader differs from its unpatched copy, so it must not be deduplicated with it.
        assertThat(res.duplicateFiles()).isZero();

        try (IsoImageReader r = IsoImageReader.open(iso)) {
            ElToritoCatalog cat = r.bootCatalog().orElseThrow();
            assertThat(cat.checksumValid()).isTrue();
            assertThat(cat.id()).isEqualTo("Microsoft Corporation");
            assertThat(cat.images()).hasSize(2);
            ElToritoCatalog.BootImage x86 = cat.images().get(0);
            ElToritoCatalog.BootImage uefi = cat.images().get(1);
            assertThat(x86.platform()).isEqualTo(IsoConstants.PLATFORM_X86);
            assertThat(x86.sectorCount()).isEqualTo(4);
            assertThat(uefi.platform()).isEqualTo(IsoConstants.PLATFORM_EFI);
            assertThat(uefi.bootable()).isTrue();
            assertThat(uefi.sectorCount()).isEqualTo(2880);
            IsoEntry loader = r.entries().stream().filter(e -> e.path().equals("boot/loader.bin")).findFirst().orElseThrow();
            IsoEntry efiEntry = r.entries().stream().filter(e -> e.path().equals("boot/efisys.img")).findFirst().orElseThrow();
            assertThat(x86.lba()).isEqualTo(loader.lba());
            assertThat(uefi.lba()).isEqualTo(efiEntry.lba());
            assertThat(r.entries()).extracting(IsoEntry::path).contains("boot/boot.cat");

            byte[] patched = readAll(r.content(loader));
            ByteBuffer table = ByteBuffer.wrap(patched, 8, 16).order(ByteOrder.LITTLE_ENDIAN);
            long sum = 0;
            ByteBuffer body = ByteBuffer.wrap(boot).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 64; i < boot.length; i += 4) {
                sum += body.getInt(i) & 0xFFFFFFFFL; // 6000 is a multiple of 4
            }
            assertThat(table.getInt() & 0xFFFFFFFFL).as("bi_pvd").isEqualTo(16);
            assertThat(table.getInt() & 0xFFFFFFFFL).as("bi_file").isEqualTo(loader.lba());
            assertThat(table.getInt() & 0xFFFFFFFFL).as("bi_length").isEqualTo(boot.length);
            assertThat(table.getInt() & 0xFFFFFFFFL).as("bi_csum").isEqualTo(sum & 0xFFFFFFFFL);
            assertThat(java.util.Arrays.copyOfRange(patched, 64, patched.length))
                    .isEqualTo(java.util.Arrays.copyOfRange(boot, 64, boot.length));
        }

        ExternalTool xorriso = ExternalTool.require("xorriso", "xorriso");
        String report = xorriso.run(tmp, 60, "-indev", iso.toString(), "-report_el_torito", "plain")
                .assertSuccess("xorriso -report_el_torito").stdout();
        assertThat(report).containsPattern("El Torito boot img :\\s+1\\s+BIOS\\s+y\\s+none\\s+0x0000\\s+0x00\\s+4")
                .containsPattern("El Torito boot img :\\s+2\\s+UEFI\\s+y\\s+none\\s+0x0000\\s+0x00\\s+2880")
                .contains("El Torito cat path : /boot/boot.cat")
                .contains("boot-info-table");
    }

    @Test
    void theBootImageOfAnotherImageIsTakenAsIs() throws Exception {
        byte[] sector = random(2048, 3);
        Path first = tmp.resolve("first.iso");
        new IsoImageWriter(IsoWriteOptions.defaults(DATE).addBootEntry(BootEntry.x86NoEmulation("I386/ETFSBOOT.COM")))
                .write(new IsoTree().add("I386/ETFSBOOT.COM", ContentSource.ofBytes(sector, "boot sector")), first);
        Path second = tmp.resolve("second.iso");
        try (IsoImageReader src = IsoImageReader.open(first)) {
            new IsoImageWriter(IsoWriteOptions.defaults(DATE).addBootEntry(BootEntry.fromImage(src)))
                    .write(new IsoTree().add("README.TXT", ContentSource.ofBytes(new byte[] {'h', 'i'}, "readme")), second);
        }
        try (IsoImageReader r = IsoImageReader.open(second)) {
            ElToritoCatalog.BootImage b = r.bootCatalog().orElseThrow().images().get(0);
            assertThat(b.sectorCount()).isEqualTo(4);
            assertThat(readAll(r.bootImageContent(b))).isEqualTo(sector);
            assertThat(r.entries()).extracting(IsoEntry::path).containsExactly("README.TXT");
        }
        ExternalTool sz = ExternalTool.require("7z", "7zip");
        Path out = tmp.resolve("7z");
        sz.run(tmp, 60, "x", "-o" + out, second.toString()).assertSuccess("7z x");
        assertThat(Files.readAllBytes(out.resolve("[BOOT]/Boot-NoEmul.img"))).isEqualTo(sector);
    }

    static byte[] readAll(ContentSource c) throws Exception {
        java.io.ByteArrayOutputStream bos = new java.io.ByteArrayOutputStream();
        c.transferTo(java.nio.channels.Channels.newChannel(bos));
        return bos.toByteArray();
    }
}
