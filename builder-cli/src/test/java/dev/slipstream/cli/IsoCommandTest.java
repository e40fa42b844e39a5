package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoCommandTest {

    @TempDir
    Path tmp;
    Path tree;
    byte[] bootSector = new byte[2048];

    @BeforeEach
    void tree() throws Exception {
        tree = tmp.resolve("tree");
        Files.createDirectories(tree.resolve("I386"));
        new Random(1).nextBytes(bootSector);
        Files.write(tree.resolve("I386/ETFSBOOT.COM"), bootSector);
        Files.writeString(tree.resolve("I386/TXTSETUP.SIF"), "[SourceDisksFiles]\n");
        Files.writeString(tree.resolve("I386/copy of txtsetup.sif"), "[SourceDisksFiles]\n");
        Files.writeString(tree.resolve("WIN51IS.SP2"), "\n");
    }

    CliHarness.Run createSeed(Path out) {
        return CliHarness.run("iso", "create", "-o", out.toString(), "-V", "CR0SP2_CN", "--volume-set-id", "CR0SP2_CN",
                "--publisher", "MICROSOFT CORPORATION",
                "--preparer", "MICROSOFT CORPORATION, ONE MICROSOFT WAY, REDMOND WA 98052, (425) 882-8080",
                "--application", "CDIMAGE 2.52 (03/09/2004 TM)", "--created", "2007-03-08 04:00:00",
                "-b", "I386/ETFSBOOT.COM", tree.toString());
    }

    @Test
    void createThenInfoListAndExtractShowWhatWasSet() throws Exception {
        Path iso = tmp.resolve("seed.iso");
        CliHarness.Run c = createSeed(iso);
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("4 files, 1 folders; 1 duplicate file(s) (19 bytes) stored once").contains("boot image I386/ETFSBOOT.COM at sector");

        CliHarness.Run info = CliHarness.run("iso", "info", iso.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("Volume id:        CR0SP2_CN", "Application id:   CDIMAGE 2.52 (03/09/2004 TM)",
                "Created:          2007-03-08 04:00:00", "Joliet: UCS-2 level 3")
                .containsPattern("1\\s+yes\\s+x86\\s+no emulation\\s+0x0000=07C0\\s+0\\s+4\\s+\\d+\\s+/I386/ETFSBOOT.COM");

        CliHarness.Run list = CliHarness.run("iso", "list", iso.toString());
        assertThat(list.out()).contains("Volume = CR0SP2_CN", "VolumeSet = CR0SP2_CN", "Publisher = MICROSOFT CORPORATION",
                "Preparer = MICROSOFT CORPORATION, ONE MICROSOFT WAY, REDMOND WA 98052, (425) 882-8080",
                "Application = CDIMAGE 2.52 (03/09/2004 TM)", "Created = 2007-03-08 04:00:00",
                "I386/copy of txtsetup.sif", "[BOOT]/Boot-NoEmul.img", "5 files, 1 folders");
        CliHarness.Run slt = CliHarness.run("iso", "list", "--slt", "--namespace", "iso", iso.toString());
        assertThat(slt.out()).contains("Path = I386/COPY_OF_TXTSETUP.SIF", "Path = WIN51IS.SP2").containsPattern("LBA = \\d+");

        Path out = tmp.resolve("out");
        CliHarness.Run x = CliHarness.run("iso", "extract", iso.toString(), "-d", out.toString());
        assertThat(x.exitCode()).as(x.err()).isZero();
        assertThat(Files.readAllBytes(out.resolve("[BOOT]/Boot-NoEmul.img"))).isEqualTo(bootSector);
        assertThat(Files.readString(out.resolve("I386/copy of txtsetup.sif"))).isEqualTo("[SourceDisksFiles]\n");
        CliHarness.Run again = CliHarness.run("iso", "extract", iso.toString(), "-d", out.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(again.err()).contains("already exists");
    }

    @Test
    void likeAndBootFromCopyTheFieldsAndTheBootSectorOfASourceImage() throws Exception {
        Path seed = tmp.resolve("seed.iso");
        assertThat(createSeed(seed).exitCode()).isZero();
        Files.delete(tree.resolve("I386/ETFSBOOT.COM"));
        Path rebuilt = tmp.resolve("rebuilt.iso");
        CliHarness.Run c = CliHarness.run("iso", "create", "-o", rebuilt.toString(), "--like", seed.toString(),
                "--boot-from", seed.toString(), "--json", tree.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        assertThat(c.out()).contains("\"bootImages\"");
        String a = CliHarness.run("iso", "list", seed.toString()).out();
        String b = CliHarness.run("iso", "list", rebuilt.toString()).out();
        assertThat(header(b)).isEqualTo(header(a).replace(seed.toString(), rebuilt.toString())
                .replaceAll("Physical Size = \\d+", "Physical Size = " + Files.size(rebuilt)));
        Path out = tmp.resolve("out");
        assertThat(CliHarness.run("iso", "extract", rebuilt.toString(), "-d", out.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(out.resolve("[BOOT]/Boot-NoEmul.img"))).isEqualTo(bootSector);
        assertThat(out.resolve("I386/ETFSBOOT.COM")).doesNotExist();
    }

    static String header(String listing) {
        return listing.substring(0, listing.indexOf("   Date"));
    }

    @Test
    void sameTreeSameDateSameBytes() throws Exception {
        Path a = tmp.resolve("a.iso");
        Path b = tmp.resolve("b.iso");
        assertThat(createSeed(a).exitCode()).isZero();
        assertThat(createSeed(b).exitCode()).isZero();
        assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
    }

    @Test
    void aCorruptImageIsBadInputOnOneLine() throws Exception {
        Path junk = tmp.resolve("junk.iso");
        Files.write(junk, new byte[20 * 2048]);
        CliHarness.Run r = CliHarness.run("iso", "list", junk.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).startsWith("slipstream: error: " + junk).contains("CD001").doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void usageErrorsAreExplained() {
        CliHarness.Run noBoot = CliHarness.run("iso", "create", "-o", tmp.resolve("x.iso").toString(), "--boot-load-size", "8",
                tree.toString());
        assertThat(noBoot.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noBoot.err()).contains("need a boot image");
        CliHarness.Run badDate = CliHarness.run("iso", "create", "-o", tmp.resolve("x.iso").toString(), "--created", "yesterday",
                tree.toString());
        assertThat(badDate.exitCode()).isEqualTo(ExitCode.USAGE);
        CliHarness.Run longId = CliHarness.run("iso", "create", "-o", tmp.resolve("x.iso").toString(), "-V", "X".repeat(33),
                tree.toString());
        assertThat(longId.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(longId.err()).contains("at most 32 fit");
        assertThat(tmp.resolve("x.iso")).doesNotExist();
        CliHarness.Run missing = CliHarness.run("iso", "create", "-o", tmp.resolve("x.iso").toString(), tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.IO_FAILURE);
    }

    @Test
    void everySubcommandHasHelpWithExamples() {
        for (String sub : new String[] {"create", "list", "info", "extract"}) {
            CliHarness.Run r = CliHarness.run("iso", sub, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("Examples:").contains("slipstream iso " + sub);
        }
    }
}
