package dev.slipstream.core.iso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.ExternalTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real boot: ISOLINUX, mastered by our writer, boots in QEMU and finds its configuration and
 * modules through our directory records. Its menu tokens reach the serial port only then (recipe
 * in ../shared/corpus/README.md).
 */
class IsoQemuBootTest {

    @TempDir
    Path tmp;

    @Test
    void isolinuxBootsFromOurImageAndShowsItsMenu() throws Exception {
        ExternalTool qemu = ExternalTool.require("qemu-system-i386", "qemu-system-x86");
        Path isolinuxBin = Path.of("/usr/lib/ISOLINUX/isolinux.bin");
        Path modules = Path.of("/usr/lib/syslinux/modules/bios");
        if (!Files.isRegularFile(isolinuxBin) || !Files.isDirectory(modules)) {
            ExternalTool.require("isolinux-files-missing", "isolinux syslinux-common");
        }
        Path tree = tmp.resolve("tree");
        Path dir = tree.resolve("isolinux");
        Files.createDirectories(dir);
        Files.copy(isolinuxBin, dir.resolve("isolinux.bin"));
        for (String m : new String[] {"ldlinux.c32", "libcom32.c32", "libutil.c32", "menu.c32", "poweroff.c32"}) {
            Files.copy(modules.resolve(m), dir.resolve(m));
        }
        String title = "TITLE-" + UUID.randomUUID();
        String label = "LABEL-" + UUID.randomUUID();
        Files.writeString(dir.resolve("isolinux.cfg"), String.join("\n", "SERIAL 0 115200", "UI menu.c32",
                "MENU TITLE " + title, "TIMEOUT 20", "DEFAULT off", "LABEL off", "  MENU LABEL " + label,
                "  COM32 poweroff.c32", ""));
        Files.writeString(tree.resolve("README.TXT"), "booted from an image mastered by slipstream\n");

        Instant date = Instant.parse("2026-01-01T00:00:00Z");
        IsoWriteOptions o = IsoWriteOptions.defaults(date)
                .addBootEntry(BootEntry.x86NoEmulation("isolinux/isolinux.bin").withBootInfoTable(true))
                .bootCatalogPath("isolinux/boot.cat");
        Path iso = tmp.resolve("isolinux.iso");
        new IsoImageWriter(o).write(IsoTree.fromDirectory(tree), iso);

        ExternalTool.Result r = qemu.run(tmp, 90, "-cdrom", iso.toString(), "-boot", "d", "-m", "64",
                "-display", "none", "-serial", "stdio", "-no-reboot");
        String serial = r.stdout();
        assertThat(serial).as("serial output of QEMU").contains(title).contains(label);
    }
}
