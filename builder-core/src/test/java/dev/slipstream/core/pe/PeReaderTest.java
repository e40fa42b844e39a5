package dev.slipstream.core.pe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.testing.ExternalTool;
import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader on real PE images (the corpus's self-extractor stubs, linked by MinGW) judged by
 * objdump, and on hostile variants of them. Images built by our own PeImageBuilder (PE32+, IA64,
 * version resources, certificate tables) are tested in the fixtures module.
 */
class PeReaderTest {

    @TempDir
    Path tmp;

    private static Path sfx(String name) {
        return SharedCorpus.corpus("cab/synthetic-sfx/" + name);
    }

    private record ObjdumpSection(String name, long size, long vma, long fileOffset) {
    }

    /** Sections as `objdump -h` prints them (sizes and VMAs in hex). */
    private static List<ObjdumpSection> objdumpSections(Path file) throws Exception {
        String out = ExternalTool.require("objdump", "binutils").run(null, 30, "-h", file.toString())
                .assertSuccess("objdump -h").stdout();
        Pattern row = Pattern.compile("^\\s*\\d+\\s+(\\S+)\\s+([0-9a-f]{8})\\s+([0-9a-f]{8,16})\\s+[0-9a-f]{8,16}\\s+([0-9a-f]{8})",
                Pattern.MULTILINE);
        List<ObjdumpSection> l = new ArrayList<>();
        Matcher m = row.matcher(out);
        while (m.find()) {
            l.add(new ObjdumpSection(m.group(1), Long.parseLong(m.group(2), 16), Long.parseLong(m.group(3), 16),
                    Long.parseLong(m.group(4), 16)));
        }
        return l;
    }

    @Test
    void headersAndSectionsAgreeWithObjdump() throws Exception {
        Path file = sfx("sfx-lzx21-rcdata.exe");
        PeFile pe = PeFile.read(file);
        assertThat(pe.machine()).contains(MachineType.X86);
        assertThat(pe.isPe32Plus()).isFalse();
        assertThat(pe.format()).isEqualTo("PE32");
        List<ObjdumpSection> expected = objdumpSections(file);
        assertThat(expected).hasSize(10);
        assertThat(pe.sections()).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            ObjdumpSection e = expected.get(i);
            PeSection s = pe.sections().get(i);
            // objdump truncates long (string-table) names to 8 characters as the header stores them.
            assertThat(e.name()).startsWith(s.name().length() > 8 ? s.name().substring(0, 8) : s.name());
            assertThat(s.virtualAddress() + pe.imageBase()).as(s.name()).isEqualTo(e.vma());
            if (s.sizeOfRawData() > 0) {
                assertThat(s.pointerToRawData()).as(s.name()).isEqualTo(e.fileOffset());
            }
        }
        assertThat(pe.checksumOffset()).isEqualTo(pe.ntHeaderOffset() + 4 + 20 + 64);
        assertThat(pe.certificateTable()).isEmpty();
    }

    @Test
    void theOverlayStartsWhereTheLastSectionsRawDataEnds() throws Exception {
        Path file = sfx("sfx-mszip-appended.exe");
        PeFile pe = PeFile.read(file);
        long lastRawEnd = pe.sections().stream().mapToLong(PeSection::rawEnd).max().orElseThrow();
        assertThat(pe.overlayOffset()).isEqualTo(lastRawEnd);
        assertThat(pe.overlayEnd()).isEqualTo(Files.size(file));
        assertThat(pe.hasOverlay()).isTrue();
        byte[] all = Files.readAllBytes(file);
        assertThat(new String(all, (int) pe.overlayOffset(), 4, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("MSCF");

        PeFile noOverlay = PeFile.read(sfx("sfx-mszip-rcdata.exe"));
        assertThat(noOverlay.hasOverlay()).isFalse();
    }

    @Test
    void theResourceTreeNamesTheIExpressCabinetAs7ZipDoes() throws Exception {
        try (PeReader r = PeReader.open(sfx("sfx-mszip-rcdata.exe"))) {
            List<ResourceEntry> cab = r.resources().find(ResourceId.RT_RCDATA, "cabinet");
            assertThat(cab).singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo("RCDATA/\"CABINET\"/1033");
                assertThat(e.size()).isEqualTo(245); // 7z: .rsrc/RCDATA/CABINET, Physical Size = 245
                assertThat(e.fileOffset()).isPositive();
            });
            ByteBuffer data = r.readResource(cab.get(0), 4);
            assertThat(data.getInt(0)).isEqualTo(0x4643534D);
            assertThat(r.versionInfo()).isEmpty();
        }
    }

    @Test
    void ourChecksumMatchesTheOneTheGnuLinkerWrote() throws Exception {
        // The rcdata stubs were not touched after linking; the appended ones were (cabinet added).
        for (String name : List.of("sfx-lzx21-rcdata.exe", "sfx-mszip-rcdata.exe", "sfx-mixed-qtm-rcdata.exe")) {
            PeFile pe = PeFile.read(sfx(name));
            assertThat(pe.checksum()).as(name).isNotZero();
            assertThat(PeChecksum.of(sfx(name))).as(name).isEqualTo(pe.checksum());
        }
        PeFile appended = PeFile.read(sfx("sfx-mszip-appended.exe"));
        assertThat(PeChecksum.of(sfx("sfx-mszip-appended.exe"))).isNotEqualTo(appended.checksum());
    }

    // ---- hostile input ----

    private Path mutated(String name, Mutation m) throws IOException {
        byte[] b = Files.readAllBytes(sfx(name));
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        byte[] out = m.apply(bb, PeFile.read(sfx(name)));
        Path f = tmp.resolve("hostile-" + name);
        Files.write(f, out == null ? b : out);
        return f;
    }

    interface Mutation {
        byte[] apply(ByteBuffer b, PeFile original) throws IOException;
    }

    private static void assertBadInput(Path f, String... messageParts) {
        var a = assertThatThrownBy(() -> {
            try (PeReader r = PeReader.open(f)) {
                r.resources();
                r.versionInfo();
            }
        }).isInstanceOf(BadInputException.class).hasMessageContaining(f.toString());
        for (String p : messageParts) {
            a.hasMessageContaining(p);
        }
    }

    @Test
    void aTruncatedHeaderIsBadInput() throws Exception {
        Path f = mutated("sfx-mszip-appended.exe", (b, pe) -> java.util.Arrays.copyOf(b.array(), 40));
        assertBadInput(f, "too short for a DOS header");
        Path g = mutated("sfx-mszip-appended.exe", (b, pe) -> java.util.Arrays.copyOf(b.array(),
                (int) pe.ntHeaderOffset() + 30));
        assertBadInput(g, "optional header", "runs past the end of the file");
    }

    @Test
    void eLfanewPastTheEndIsBadInput() throws Exception {
        Path f = mutated("sfx-mszip-appended.exe", (b, pe) -> {
            b.putInt(0x3C, 0x7FFFFFF0);
            return null;
        });
        assertBadInput(f, "at offset 60", "e_lfanew points to 0x7FFFFFF0, outside the file");
    }

    @Test
    void notAnExecutableIsSaidPlainly() throws Exception {
        Path f = tmp.resolve("readme.txt");
        Files.writeString(f, "x".repeat(100));
        assertBadInput(f, "no MZ signature", "not a Windows executable");
        Path g = mutated("sfx-mszip-appended.exe", (b, pe) -> {
            b.putInt((int) pe.ntHeaderOffset(), 0x0000454E); // "NE"
            return null;
        });
        assertBadInput(g, "no PE\\0\\0 signature");
    }

    @Test
    void aSectionTablePastTheEndIsBadInput() throws Exception {
        Path f = mutated("sfx-mszip-appended.exe", (b, pe) -> {
            b.putShort((int) pe.ntHeaderOffset() + 6, (short) 0xFFFF);
            return null;
        });
        assertBadInput(f, "the section table (65535 sections) runs past the end of the file");
    }

    @Test
    void sectionDataPastTheEndIsBadInput() throws Exception {
        Path f = mutated("sfx-mszip-appended.exe", (b, pe) -> java.util.Arrays.copyOf(b.array(),
                (int) pe.sections().get(2).pointerToRawData() + 10));
        assertBadInput(f, "section 2 '.rdata' declares raw data", "past the end of the file");
    }

    @Test
    void aCertificateTablePastTheEndIsBadInput() throws Exception {
        Path f = mutated("sfx-mszip-appended.exe", (b, pe) -> {
            int dirs = (int) pe.ntHeaderOffset() + 24 + 96;
            b.putInt(dirs + 8 * DataDirectory.SECURITY, (int) pe.overlayOffset());
            b.putInt(dirs + 8 * DataDirectory.SECURITY + 4, 1 << 30);
            return null;
        });
        assertBadInput(f, "the certificate table at", "runs past the end of the file");
    }

    private static int resourceRoot(PeFile pe) {
        return (int) pe.rvaToOffset(pe.dataDirectory(DataDirectory.RESOURCE).address()).orElseThrow();
    }

    @Test
    void aResourceLoopIsDetected() throws Exception {
        Path f = mutated("sfx-mszip-rcdata.exe", (b, pe) -> {
            int root = resourceRoot(pe);
            int typeDir = b.getInt(root + 16 + 4) & 0x7FFFFFFF;
            // The type directory's first entry points back at the root directory.
            b.putInt(root + typeDir + 16 + 4, 0x80000000);
            return null;
        });
        assertBadInput(f, "reached twice (a loop in the resource tree)");
    }

    @Test
    void anAbsurdResourceEntryCountIsBadInput() throws Exception {
        Path f = mutated("sfx-mszip-rcdata.exe", (b, pe) -> {
            int root = resourceRoot(pe);
            b.putShort(root + 12, (short) 0xFFFF);
            b.putShort(root + 14, (short) 0xFFFF);
            return null;
        });
        assertBadInput(f, "the resource tree declares more than 65536 entries");
        Path g = mutated("sfx-mszip-rcdata.exe", (b, pe) -> {
            b.putShort(resourceRoot(pe) + 12, (short) 0);
            b.putShort(resourceRoot(pe) + 14, (short) 0x4000);
            return null;
        });
        assertBadInput(g, "resource directory with 16384 entries", "lies outside the resource section");
    }

    @Test
    void aResourceTreeDeeperThanThreeLevelsIsBadInput() throws Exception {
        Path f = mutated("sfx-mszip-rcdata.exe", (b, pe) -> {
            int root = resourceRoot(pe);
            int typeDir = b.getInt(root + 16 + 4) & 0x7FFFFFFF;
            int nameDir = b.getInt(root + typeDir + 16 + 4) & 0x7FFFFFFF;
            // The language entry claims to be a directory (pointing at an unvisited offset).
            b.putInt(root + nameDir + 16 + 4, 0x80000000 | (nameDir + 8));
            return null;
        });
        assertBadInput(f, "deeper than type/name/language");
    }

    @Test
    void aResourceNameOutsideTheSectionIsBadInput() throws Exception {
        Path f = mutated("sfx-mszip-rcdata.exe", (b, pe) -> {
            int root = resourceRoot(pe);
            int typeDir = b.getInt(root + 16 + 4) & 0x7FFFFFFF;
            // The CABINET name entry's string offset points far away.
            b.putInt(root + typeDir + 16, 0x80000000 | 0x7FFF0000);
            return null;
        });
        assertBadInput(f, "resource name", "outside the resource section");
    }

    @Test
    void aBrokenResourceTreeDoesNotHideTheHeaders() throws Exception {
        Path f = mutated("sfx-mszip-rcdata.exe", (b, pe) -> {
            b.putShort(resourceRoot(pe) + 14, (short) 0xFFFF);
            return null;
        });
        try (PeReader r = PeReader.open(f)) {
            assertThat(r.pe().machine()).contains(MachineType.X86);
            assertThatThrownBy(r::resources).isInstanceOf(BadInputException.class);
        }
    }
}
