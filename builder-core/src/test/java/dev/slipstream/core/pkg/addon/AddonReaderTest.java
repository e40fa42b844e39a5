package dev.slipstream.core.pkg.addon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.cab.CabCompression;
import dev.slipstream.core.cab.CabinetWriter;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.pe.MachineType;
import dev.slipstream.core.pkg.Language;
import dev.slipstream.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AddonReaderTest {

    private static final Instant DATE = Instant.parse("2007-03-08T04:00:00Z");
    private static final String ENTRIES = String.join("\r\n", "[general]", "title=Tools", "version=1.2", "language=English",
            "architecture=x86", "[filenames]", "main=tool.exe", "[dosnet_files]", "d1,%main%", "[txtsetup_files]",
            "%main% = 100,,,,,,,2,0,0", "");

    @TempDir
    Path dir;

    private Path sevenZip(String name, Map<String, byte[]> members) throws IOException {
        Path out = dir.resolve(name);
        try (SevenZOutputFile z = new SevenZOutputFile(out.toFile())) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                SevenZArchiveEntry e = new SevenZArchiveEntry();
                e.setName(m.getKey());
                e.setSize(m.getValue().length);
                z.putArchiveEntry(e);
                z.write(m.getValue());
                z.closeArchiveEntry();
            }
        }
        return out;
    }

    private Path cabinet(String name, Map<String, byte[]> members) throws IOException {
        Path out = dir.resolve(name);
        List<CabinetWriter.Entry> es = new ArrayList<>();
        members.forEach((n, b) -> es.add(CabinetWriter.Entry.ofBytes(n, b, DATE)));
        CabinetWriter.write(out, es, CabinetWriter.Options.defaults().withCompression(CabCompression.MSZIP)
                .withTimestamp(Optional.of(DATE)));
        return out;
    }

    private static Map<String, byte[]> members(Object... nameThenText) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            Object v = nameThenText[i + 1];
            m.put((String) nameThenText[i], v instanceof byte[] b ? b : ((String) v).getBytes(StandardCharsets.UTF_8));
        }
        return m;
    }

    private AddonPack read(Path pack) throws IOException {
        return AddonReader.read(pack, dir.resolve("work-" + pack.getFileName()), InfReadOptions.defaults(), "I386");
    }

    @Test
    void readsASevenZipPackWithEntriesFilenamesAndSvcpack() throws IOException {
        Path pack = sevenZip("tools-x86.7z", members("entries_tools.ini", ENTRIES, "TOOL.EXE", "not a PE file",
                "SVCPACK.INF", "[Version]\r\nSignature=\"$Windows NT$\"\r\n[SetupHotfixesToRun]\r\nsetup.exe /q\r\n",
                "svcpack/SETUP.EXE", "installer"));
        AddonPack p = read(pack);
        assertThat(p.format()).isEqualTo("7z");
        assertThat(p.manifest().title()).isEqualTo("Tools");
        assertThat(p.manifest().version()).isEqualTo("1.2");
        assertThat(p.manifest().language()).contains(new Language("ENU"));
        assertThat(p.manifest().architecture()).contains(MachineType.X86);
        assertThat(p.manifest().txtsetup()).singleElement().satisfies(t -> {
            assertThat(t.record().name()).isEqualTo("tool.exe"); // %main% substituted
            assertThat(t.record().targetDirId()).isEqualTo("2");
            assertThat(t.line()).isEqualTo(11);
        });
        assertThat(p.manifest().dosnet()).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("tool.exe"));
        assertThat(p.setupFiles()).containsOnlyKeys("TOOL.EXE");
        assertThat(Files.readString(p.setupFiles().get("TOOL.EXE").plain())).isEqualTo("not a PE file");
        assertThat(p.svcpackFiles()).containsOnlyKeys("SETUP.EXE");
        assertThat(p.svcpackCommands()).containsExactly("setup.exe /q");
    }

    @Test
    void readsACabinetPackAndExpandsCompressedMembers() throws IOException {
        Path packed = dir.resolve("TOOL.EX_");
        CabinetWriter.write(packed, List.of(CabinetWriter.Entry.ofBytes("tool.exe", "the tool".getBytes(StandardCharsets.US_ASCII), DATE)),
                CabinetWriter.Options.defaults().withCompression(CabCompression.LZX_21).withTimestamp(Optional.of(DATE)));
        Path pack = cabinet("tools.cab", members("ENTRIES.INI", ENTRIES, "TOOL.EX_", Files.readAllBytes(packed)));
        AddonPack p = read(pack);
        assertThat(p.format()).isEqualTo("cab");
        AddonPack.SetupFile f = p.setupFile("tool.exe").orElseThrow();
        assertThat(f.member()).isEqualTo("TOOL.EX_");
        assertThat(Files.readString(f.plain())).isEqualTo("the tool");
    }

    @Test
    void sevenZipFixtureIsListedBy7Zip() throws Exception {
        Path pack = sevenZip("listed.7z", members("entries.ini", ENTRIES, "TOOL.EXE", "x", "svcpack/SETUP.EXE", "y"));
        ExternalTool.Result r = ExternalTool.require("7z", "7zip").run(dir, 30, "l", pack.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("entries.ini", "TOOL.EXE", "svcpack/SETUP.EXE");
    }

    @Test
    void aPackWithoutEntriesIsRefused() throws IOException {
        Path pack = sevenZip("empty.7z", members("TOOL.EXE", "x"));
        assertThatThrownBy(() -> read(pack)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("empty.7z").hasMessageContaining("has no entries*.ini");
    }

    @Test
    void pathTraversalAbsoluteAndDriveNamesAreRefusedBeforeExtraction() throws IOException {
        for (String bad : List.of("../evil.exe", "/etc/evil", "C:/evil.exe", "svcpack/../../evil")) {
            Path pack = sevenZip("bad" + Math.abs(bad.hashCode()) + ".7z", members("entries.ini", ENTRIES, bad, "x"));
            assertThatThrownBy(() -> read(pack)).as(bad).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("may be hostile");
            assertThat(dir.resolve("evil.exe")).doesNotExist();
            assertThat(dir.getParent().resolve("evil.exe")).doesNotExist();
        }
    }

    @Test
    void aSecondEntriesFileAndAnUnknownFolderAreRefused() throws IOException {
        Path two = sevenZip("two.7z", members("entries_a.ini", ENTRIES, "entries_b.ini", ENTRIES));
        assertThatThrownBy(() -> read(two)).hasMessageContaining("two entries files");
        Path folder = sevenZip("folder.7z", members("entries.ini", ENTRIES, "amd64/TOOL.EXE", "x"));
        assertThatThrownBy(() -> read(folder)).hasMessageContaining("amd64/TOOL.EXE").hasMessageContaining("AMD64 media");
    }

    @Test
    void unsupportedSectionsAreRefusedWithTheirLine() throws IOException {
        Path pack = sevenZip("hive.7z", members("entries.ini", ENTRIES + "[addhive]\r\nHKLM,\"Software\\X\",\"y\",,\"z\"\r\n"));
        assertThatThrownBy(() -> read(pack)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("hive.7z: entries.ini:12").hasMessageContaining("[addhive] is not supported")
                .hasMessageContaining("registry");
        Path edit = cabinet("edit.cab", members("entries.ini", "[general]\r\ntitle=x\r\n[EditFile]\r\nTXTSETUP.SIF,Foo,Bar\r\n"));
        assertThatThrownBy(() -> read(edit)).hasMessageContaining("entries.ini:3").hasMessageContaining("edits setup files");
    }

    @Test
    void brokenLinesNameTheirLine() throws IOException {
        Path shortLine = sevenZip("short.7z", members("entries.ini", "[general]\r\ntitle=x\r\n[txtsetup_files]\r\na.exe = 1,,2\r\n", "A.EXE", "x"));
        assertThatThrownBy(() -> read(shortLine)).hasMessageContaining("entries.ini:4").hasMessageContaining("has 3 fields");
        Path undefined = sevenZip("undef.7z", members("entries.ini", "[dosnet_files]\r\nd1,%nope%\r\n"));
        assertThatThrownBy(() -> read(undefined)).hasMessageContaining("entries.ini:2").hasMessageContaining("%nope%");
        Path outside = sevenZip("outside.7z", members("entries.ini", "title=x\r\n[general]\r\n"));
        assertThatThrownBy(() -> read(outside)).hasMessageContaining("entries.ini:1").hasMessageContaining("outside any section");
        Path lang = sevenZip("lang.7z", members("entries.ini", "[general]\r\nlanguage=Klingon\r\n"));
        assertThatThrownBy(() -> read(lang)).hasMessageContaining("entries.ini:2").hasMessageContaining("Klingon");
        Path flags = sevenZip("flags.7z", members("entries.ini", "[general]\r\nflags=IgnoreFileVersions\r\n"));
        assertThatThrownBy(() -> read(flags)).hasMessageContaining("whatever their version");
    }

    @Test
    void anEmptyFilenamesVariableLeavesNoFileNameAndIsRefusedWithItsLine() {
        // Found by the addon-entries fuzz target: "main=" then "%main% = ..." was an IllegalArgumentException.
        for (String section : List.of("[txtsetup_files]\r\n%main% = 100,,,,,,,2,0,0\r\n", "[dosnet_files]\r\nd1,%main%\r\n")) {
            byte[] text = ("[filenames]\r\nmain= ; nothing\r\n" + section).getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> EntriesFile.parse(text, "p.7z: entries.ini", "entries.ini", InfReadOptions.defaults()))
                    .as(section).isInstanceOf(BadInputException.class).hasMessageContaining("p.7z: entries.ini:4")
                    .hasMessageContaining("names no file: its %variable% is empty in [filenames]");
        }
    }

    @Test
    void aFileThatIsNeither7zNorCabinetIsRefused() throws IOException {
        Path junk = dir.resolve("junk.7z");
        Files.write(junk, "PK\u0003\u0004 not a 7z".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> read(junk)).isInstanceOf(BadInputException.class).hasMessageContaining("neither a 7-Zip");
    }

    @Test
    void aTruncatedSevenZipIsBadInputNotACrash() throws IOException {
        Path good = sevenZip("whole.7z", members("entries.ini", ENTRIES, "TOOL.EXE", "x".repeat(5000)));
        byte[] b = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.7z");
        Files.write(cut, java.util.Arrays.copyOf(b, b.length / 2));
        assertThatThrownBy(() -> read(cut)).isInstanceOf(BadInputException.class).hasMessageContaining("cut.7z");
    }

    @Test
    void aHugeDeclaredSizeIsRefusedBeforeAnythingIsWritten() throws IOException {
        // A cabinet's CFFILE declares each size; patch one to 3 GiB (beyond the member limit).
        Path pack = cabinet("huge.cab", members("entries.ini", ENTRIES, "TOOL.EXE", "x"));
        byte[] b = Files.readAllBytes(pack);
        int coffFiles = (b[16] & 0xFF) | (b[17] & 0xFF) << 8 | (b[18] & 0xFF) << 16 | (b[19] & 0xFF) << 24;
        // second CFFILE: after the first (16 bytes + "entries.ini\0")
        int second = coffFiles + 16 + "entries.ini".length() + 1;
        long huge = 3L << 30;
        for (int i = 0; i < 4; i++) {
            b[second + i] = (byte) (huge >>> (8 * i));
        }
        Path patched = dir.resolve("huge2.cab");
        Files.write(patched, b);
        // The cabinet layer accepts it (3 GiB from its folder offset still fits the 4 GiB a folder
        // can address); the addon layer's member limit is what must refuse it, before extraction.
        assertThatThrownBy(() -> read(patched)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("huge2.cab: TOOL.EXE")
                .hasMessageContaining("declares a size of 3221225472 bytes, more than the 1024 MiB a member may have");
        assertThat(dir.resolve("work-huge2.cab").resolve("files")).doesNotExist();
    }

    @Test
    void membersDeclaringMoreThanTheTotalLimitTogetherAreRefusedBeforeAnythingIsWritten() throws IOException {
        // Five CFFILEs of 900 MiB each, all at folder offset 0 (overlapping, which CFFILE allows):
        // each is within the member limit, together they pass the 4 GiB total limit.
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("entries.ini", ENTRIES.getBytes(StandardCharsets.US_ASCII));
        for (int i = 1; i <= 5; i++) {
            m.put("F" + i + ".BIN", new byte[] {(byte) i});
        }
        byte[] b = Files.readAllBytes(cabinet("total.cab", m));
        int coffFiles = (b[16] & 0xFF) | (b[17] & 0xFF) << 8 | (b[18] & 0xFF) << 16 | (b[19] & 0xFF) << 24;
        int at = coffFiles + 16 + "entries.ini".length() + 1;
        long big = 900L << 20;
        for (int i = 1; i <= 5; i++) {
            for (int k = 0; k < 4; k++) {
                b[at + k] = (byte) (big >>> (8 * k));
                b[at + 4 + k] = 0; // uoffFolderStart
            }
            at += 16 + ("F" + i + ".BIN").length() + 1;
        }
        Path patched = dir.resolve("total2.cab");
        Files.write(patched, b);
        assertThatThrownBy(() -> read(patched)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("total2.cab").hasMessageContaining("its files declare more than 4 GiB together");
        assertThat(dir.resolve("work-total2.cab").resolve("files")).doesNotExist();
    }

    /**
     * A 7-Zip pack written by commons-compress (one folder per member, plain header) whose LZMA2
     * coders all declare the dictionary {@code 2^(p/2+12)} / {@code 3*2^(p/2+11)} of property byte p.
     */
    private Path sevenZipWithDictionary(String name, int members, int property) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("entries.ini", ENTRIES.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < members; i++) {
            m.put("F" + i + ".TXT", ("file " + i).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] b = Files.readAllBytes(sevenZip(name + ".orig", m));
        java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int header = (int) (32 + le.getLong(12));
        assertThat(b[header]).as("plain header").isEqualTo((byte) 0x01);
        int patched = 0;
        for (int i = header; i + 2 < b.length; i++) {
            if (b[i] == 0x21 && b[i + 1] == 0x01) { // LZMA2 coder id, one property byte
                b[i + 2] = (byte) property;
                patched++;
            }
        }
        assertThat(patched).isEqualTo(members + 1);
        Path out = dir.resolve(name);
        Files.write(out, AddonFuzzTest.withSevenZipCrcs(b));
        return out;
    }

    @Test
    void aSmallSevenZipPackDeclaringAHugeDictionaryIsRefusedBeforeDecoding() throws IOException {
        // 3 folders of a few bytes, each declaring a 192 MiB LZMA2 dictionary: 7-Zip itself would
        // allocate it; slipstream allows a pack this small 64 MiB (7-Zip's "ultra" dictionary).
        Path pack = sevenZipWithDictionary("dict.7z", 2, 31);
        assertThatThrownBy(() -> read(pack)).isInstanceOf(BadInputException.class).hasMessageContaining("dict.7z")
                .hasMessageMatching("(?s).*needs 19[23] MiB of memory to decode, more than the 64 MiB a pack of this size may use.*");
        assertThat(dir.resolve("work-dict.7z").resolve("files").resolve("entries.ini")).doesNotExist();
    }

    /** 7-Zip's variable-length number (see SevenZipHeaderBound#number). */
    private static void sevenZipNumber(java.io.ByteArrayOutputStream out, long v) {
        int extra = 0;
        while (extra < 8 && v >= 1L << (7 * (extra + 1))) {
            extra++;
        }
        int first = (0xFF00 >> extra) & 0xFF;
        out.write(extra == 8 ? 0xFF : first | (int) (v >>> (8 * extra)));
        for (int i = 0; i < extra; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    /**
     * A small pack whose header is LZMA-encoded and unpacks to {@code headerBytes}: the real
     * header of a pack, followed by zeros, which LZMA packs a thousandfold.
     */
    private Path sevenZipHeaderBomb(String name, int headerBytes) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("entries.ini", ENTRIES.getBytes(StandardCharsets.US_ASCII));
        byte[] b = Files.readAllBytes(sevenZip(name + ".orig", m));
        java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int headerAt = (int) (32 + le.getLong(12));
        byte[] plainHeader = java.util.Arrays.copyOfRange(b, headerAt, b.length);
        byte[] unpacked = java.util.Arrays.copyOf(plainHeader, headerBytes);
        org.tukaani.xz.LZMA2Options lzma = new org.tukaani.xz.LZMA2Options();
        lzma.setDictSize(1 << 20);
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (org.tukaani.xz.LZMAOutputStream z = new org.tukaani.xz.LZMAOutputStream(packed, lzma, false)) {
            z.write(unpacked);
        }
        java.io.ByteArrayOutputStream d = new java.io.ByteArrayOutputStream();
        d.write(0x17); // kEncodedHeader
        d.write(0x06); // kPackInfo: where the packed header is
        sevenZipNumber(d, headerAt - 32);
        sevenZipNumber(d, 1);
        d.write(0x09);
        sevenZipNumber(d, packed.size());
        d.write(0x00);
        d.write(0x07); // kUnpackInfo: one folder, one LZMA coder
        d.write(0x0B);
        sevenZipNumber(d, 1);
        d.write(0x00);
        sevenZipNumber(d, 1);
        d.write(0x23);
        d.write(new byte[] {3, 1, 1});
        sevenZipNumber(d, 5);
        d.write((lzma.getPb() * 5 + lzma.getLp()) * 9 + lzma.getLc());
        for (int i = 0; i < 4; i++) {
            d.write(lzma.getDictSize() >>> (8 * i));
        }
        d.write(0x0C);
        sevenZipNumber(d, unpacked.length);
        d.write(0x00);
        d.write(0x00);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(b, 0, headerAt);
        out.write(packed.toByteArray());
        byte[] all = java.util.Arrays.copyOf(out.toByteArray(), out.size() + d.size());
        System.arraycopy(d.toByteArray(), 0, all, out.size(), d.size());
        java.nio.ByteBuffer h = java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        h.putLong(12, out.size() - 32L);
        h.putLong(20, d.size());
        Path bomb = dir.resolve(name);
        Files.write(bomb, AddonFuzzTest.withSevenZipCrcs(all));
        return bomb;
    }

    @Test
    void aSmallPackWhoseHeaderUnpacksToManyMegabytesIsRefusedBeforeItIsUnpacked() throws IOException {
        Path pack = sevenZipHeaderBomb("bomb.7z", 48 << 20);
        assertThat(Files.size(pack)).as("a small pack").isLessThan(64 * 1024);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> read(pack)).isInstanceOf(BadInputException.class).hasMessageContaining("bomb.7z")
                .hasMessageContaining("its compressed header declares 48 MiB once unpacked, more than the 1 MiB a pack of");
        assertThat(mx.getCurrentThreadAllocatedBytes() - before).as("bytes allocated refusing it").isLessThan(16L << 20);
        assertThat(dir.resolve("work-bomb.7z").resolve("files").resolve("entries.ini")).doesNotExist();
    }

    @Test
    void aPackWithAnHonestEncodedHeaderIsRead() throws IOException {
        // The same construction with a header that unpacks to what a pack of its size can hold.
        Path pack = sevenZipHeaderBomb("honest.7z", 4096);
        AddonPack p = read(pack);
        assertThat(p.setupFiles()).isEmpty();
    }

    @Test
    void manySevenZipFoldersWithLargeDictionariesDoNotAllocateEachAgain() throws IOException {
        // 41 folders each declaring a 48 MiB dictionary (allowed): without reuse, reading them
        // allocated 41 x 48 MiB = 1.9 GiB; with xz's array cache one dictionary serves them all.
        Path pack = sevenZipWithDictionary("folders.7z", 40, 27);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        read(pack); // warm: classes loaded, the cache holds a dictionary
        long before = mx.getCurrentThreadAllocatedBytes();
        AddonPack p = AddonReader.read(pack, dir.resolve("work-again"), InfReadOptions.defaults(), "I386");
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(p.setupFiles()).hasSize(40);
        assertThat(allocated).as("bytes allocated reading 41 folders").isLessThan(128L << 20);
    }

    @Test
    void aSevenZipPackInAMethodSlipstreamCannotDecodeSaysWhichAndWhatToDo() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("ppmdtree"));
        Files.writeString(tree.resolve("entries.ini"), ENTRIES);
        Path pack = dir.resolve("ppmd.7z");
        ExternalTool.Result r = ExternalTool.require("7z", "7zip").run(tree, 30, "a", "-t7z", "-m0=ppmd", pack.toString(), "entries.ini");
        assertThat(r.exitCode()).isZero();
        assertThatThrownBy(() -> read(pack)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("ppmd.7z: is compressed with PPMd, which slipstream does not decode")
                .hasMessageContaining("repack it with 7-Zip using LZMA2");
    }

    /** Sets the declared size of the {@code index}-th CFFILE of a cabinet (CFFILE: u32 cbFile first, name NUL-terminated at +16). */
    private static byte[] withCabFileSize(byte[] cab, int index, long size) {
        byte[] b = cab.clone();
        int at = (b[16] & 0xFF) | (b[17] & 0xFF) << 8 | (b[18] & 0xFF) << 16 | (b[19] & 0xFF) << 24;
        for (int i = 0; i < index; i++) {
            at += 16;
            while (b[at++] != 0) {
                // skip the name
            }
        }
        for (int k = 0; k < 4; k++) {
            b[at + k] = (byte) (size >>> (8 * k));
        }
        return b;
    }

    /** A one-file cabinet as makecab writes NAME.EX_, holding {@code name}. */
    private byte[] compressed(String name, String text) throws IOException {
        Path packed = dir.resolve("inner-" + System.nanoTime());
        CabinetWriter.write(packed, List.of(CabinetWriter.Entry.ofBytes(name, text.getBytes(StandardCharsets.US_ASCII), DATE)),
                CabinetWriter.Options.defaults().withCompression(CabCompression.MSZIP).withTimestamp(Optional.of(DATE)));
        return Files.readAllBytes(packed);
    }

    @Test
    void anEntriesFileOrSvcpackInfDeclaredPastItsLimitIsRefusedBeforeExtraction() throws IOException {
        // Both are read whole into memory; a 2 MiB declaration is refused before anything is written
        // (extraction would have refused it too, but only after writing the other members).
        byte[] cab = Files.readAllBytes(cabinet("e.cab", members("entries.ini", ENTRIES, "SVCPACK.INF", "[SetupHotfixesToRun]\r\n",
                "TOOL.EXE", "x")));
        Path bigEntries = dir.resolve("bigentries.cab");
        Files.write(bigEntries, withCabFileSize(cab, 0, 2L << 20));
        assertThatThrownBy(() -> read(bigEntries)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("bigentries.cab: entries.ini")
                .hasMessageContaining("is 2097152 bytes, more than the 1024 KiB an entries file may have");
        assertThat(dir.resolve("work-bigentries.cab").resolve("files")).doesNotExist();
        Path bigSvcpack = dir.resolve("bigsvcpack.cab");
        Files.write(bigSvcpack, withCabFileSize(cab, 1, 2L << 20));
        assertThatThrownBy(() -> read(bigSvcpack)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("bigsvcpack.cab: SVCPACK.INF")
                .hasMessageContaining("is 2097152 bytes, more than the 1024 KiB an addon's SVCPACK.INF may have");
        assertThat(dir.resolve("work-bigsvcpack.cab").resolve("files")).doesNotExist();
    }

    @Test
    void aCompressedMemberDeclaringMoreThanTheMemberLimitIsRefusedBeforeExpansion() throws IOException {
        Path pack = cabinet("bomb.cab", members("entries.ini", ENTRIES, "TOOL.EX_",
                withCabFileSize(compressed("tool.exe", "the tool"), 0, 3L << 30)));
        assertThatThrownBy(() -> read(pack)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("bomb.cab: TOOL.EX_")
                .hasMessageContaining("expands to 3221225472 bytes, more than the 1024 MiB this file may have");
        assertThat(dir.resolve("work-bomb.cab").resolve("expanded")).doesNotExist();
    }

    @Test
    void compressedMembersTogetherPastThePackLimitAreRefusedBeforeTheFirstIsExpanded() throws IOException {
        // Five NAME.EX_ of a few bytes each declaring 900 MiB: each within the member limit, 4.4 GiB together.
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("entries.ini", ENTRIES.getBytes(StandardCharsets.US_ASCII));
        for (char c = 'A'; c <= 'E'; c++) {
            m.put(c + ".EX_", withCabFileSize(compressed(c + ".exe", "x"), 0, 900L << 20));
        }
        Path pack = cabinet("bombs.cab", m);
        assertThatThrownBy(() -> read(pack)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("bombs.cab: E.EX_")
                .hasMessageContaining("expands to 943718400 bytes, which takes the pack past the 4 GiB its files may hold together");
        assertThat(dir.resolve("work-bombs.cab").resolve("expanded")).doesNotExist();
    }

    @Test
    void aCompressedMemberHoldingAFileNamedDotIsRefusedNotResolvedToTheWorkspace() throws IOException {
        // "._" is a safe member name and the compressed name of "."; expanding it would resolve "."
        // against the expansion folder (before: an I/O error, exit 4, instead of bad input).
        byte[] cab = compressed("a", "x");
        int at = new String(cab, StandardCharsets.ISO_8859_1).indexOf("a\0", 36);
        cab[at] = '.';
        Path pack = cabinet("dot.cab", members("entries.ini", ENTRIES, "._", cab));
        assertThatThrownBy(() -> read(pack)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("dot.cab: ._").hasMessageContaining("holds a file named '.', which has an empty path segment");
    }

    @Test
    void compatibilityRefusesTheWrongArchitectureAndLanguage() throws IOException {
        AddonPack x86 = read(sevenZip("tools.7z", members("entries.ini", ENTRIES, "TOOL.EXE", "x")));
        assertThatThrownBy(() -> AddonCompatibility.check(x86, MachineType.X64, Optional.of(new Language("ENU"))))
                .hasMessageContaining("architecture=x86, the media are x64");
        assertThatThrownBy(() -> AddonCompatibility.check(x86, MachineType.X86, Optional.of(new Language("CHS"))))
                .hasMessageContaining("language=English is ENU, the media are CHS");
        AddonCompatibility.check(x86, MachineType.X86, Optional.of(new Language("ENU")));
        AddonPack named = read(sevenZip("tools-x64-DEU.7z", members("entries.ini", "[general]\r\ntitle=t\r\n")));
        assertThatThrownBy(() -> AddonCompatibility.check(named, MachineType.X86, Optional.empty()))
                .hasMessageContaining("the name says x64");
        assertThatThrownBy(() -> AddonCompatibility.check(named, MachineType.X64, Optional.of(new Language("ENU"))))
                .hasMessageContaining("the name says DEU");
    }

    @Test
    void shortNames() {
        assertThat(MemberNames.isShortName("SSTOOLS.EXE")).isTrue();
        assertThat(MemberNames.isShortName("a.b")).isTrue();
        assertThat(MemberNames.isShortName("LongFileName.dll")).isFalse();
        assertThat(MemberNames.isShortName("a.dllx")).isFalse();
        assertThat(MemberNames.isShortName("with space.exe")).isFalse();
    }
}
