package dev.slipstream.core.pkg.addon;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.pe.MachineType;
import dev.slipstream.core.pkg.Language;
import dev.slipstream.testing.CorpusFiles;
import dev.slipstream.testing.FuzzOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets for addon packs (RyanVM/nLite {@code .7z}/{@code .cab} holding {@code entries.ini}),
 * which come from forums.
 *
 * <ul>
 *   <li>{@link #pack}: the input is the pack file. {@link AddonArchive#open} picks the container by
 *       its signature, as for a user's file ({@code 7z\xBC\xAF\x27\x1C}: commons-compress's
 *       SevenZFile; {@code MSCF}: our CabinetReader); every member is listed, checked and decoded to
 *       a null sink, then the pack is read as a build reads it ({@link AddonReader#read}: extraction,
 *       {@code NAME.EX_} expansion, entries file, SVCPACK.INF) and checked against fixed x86 ENU
 *       media ({@link AddonCompatibility}).</li>
 *   <li>{@link #entries}: the input is the text of an {@code entries.ini}, which mutations of an
 *       LZMA2 stream hardly ever reach: {@link EntriesFile#parse}, every manifest accessor, and the
 *       compatibility check of a pack that holds only that manifest.</li>
 * </ul>
 *
 * <p>{@code mvn verify} replays the seeds and past findings in {@code AddonFuzzTestInputs/};
 * {@code scripts/fuzz addon|addon-entries MINUTES} fuzzes for real.
 */
class AddonFuzzTest {

    private static final MachineType MEDIA = MachineType.X86;
    private static final Optional<Language> MEDIA_LANGUAGE = Optional.of(new Language("ENU"));

    @FuzzTest(maxDuration = "10m")
    void pack(byte[] data) {
        FuzzOutcome.expectResultOrTyped("addon", () -> readPack(FuzzOutcome.scratchFile("fuzz-addon", withSevenZipCrcs(data))));
    }

    /**
     * A 7-Zip archive's start header carries the CRC32 of its next 20 bytes and of the header it
     * points to; SevenZFile checks both first, so nearly every mutation would stop there. As the
     * cab target ignores CFDATA checksums, this target restores both CRCs over the mutated bytes,
     * so mutations reach the header parser and the coders. (Other input is returned as it is.)
     */
    static byte[] withSevenZipCrcs(byte[] data) {
        if (data.length < 32 || data[0] != '7' || data[1] != 'z' || (data[2] & 0xFF) != 0xBC || (data[3] & 0xFF) != 0xAF
                || data[4] != 0x27 || data[5] != 0x1C) {
            return data;
        }
        byte[] b = data.clone();
        java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long offset = le.getLong(12);
        long size = le.getLong(20);
        if (offset >= 0 && size >= 0 && offset <= b.length - 32 && size <= b.length - 32 - offset) {
            java.util.zip.CRC32 next = new java.util.zip.CRC32();
            next.update(b, (int) (32 + offset), (int) size);
            le.putInt(28, (int) next.getValue());
        }
        java.util.zip.CRC32 start = new java.util.zip.CRC32();
        start.update(b, 12, 20);
        le.putInt(8, (int) start.getValue());
        return b;
    }

    @FuzzTest(maxDuration = "10m")
    void entries(byte[] data) {
        FuzzOutcome.expectResultOrTyped("addon-entries", () -> readEntries(data));
    }

    /** The pack target's body, shared with the regression run over the shared corpus. */
    static void readPack(Path file) throws Exception {
        try (AddonArchive archive = AddonArchive.open(file)) {
            archive.format();
            for (AddonMember m : archive.members()) {
                m.fileName();
                m.folder();
                MemberNames.isShortName(m.fileName());
            }
            archive.read((m, in) -> drain(in));
        }
        Path work = FuzzOutcome.scratchDir().resolve("fuzz-addon-work");
        deleteTree(work);
        try {
            AddonPack pack = AddonReader.read(file, work, InfReadOptions.defaults(), "I386");
            pack.describe();
            pack.svcpackCommands();
            for (AddonPack.SetupFile f : pack.setupFiles().values()) {
                pack.setupFile(f.name());
            }
            AddonCompatibility.check(pack, MEDIA, MEDIA_LANGUAGE);
        } finally {
            deleteTree(work);
        }
    }

    /** The entries target's body. */
    static void readEntries(byte[] data) throws Exception {
        AddonManifest m = EntriesFile.parse(data, "fuzz.7z: entries.ini", "entries.ini", InfReadOptions.defaults());
        m.title();
        m.version();
        for (AddonManifest.TxtsetupLine t : m.txtsetup()) {
            m.txtsetupLine(t.record().name());
        }
        AddonPack pack = new AddonPack(Path.of("fuzz.7z"), "7z", m, Map.of(), Map.of(), List.of(), List.of());
        pack.describe();
        AddonCompatibility.check(pack, MEDIA, MEDIA_LANGUAGE);
    }

    /** Reads a member to its end (a stream that never ends is a hang FuzzOutcome reports). */
    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        while (in.read(buf) >= 0) {
            // null sink; extraction, below, compares the count with the declared size
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * The committed pack seeds are packs a build accepts (read, extracted, expanded, compatible with
     * x86 ENU media), so that mutations start from inside every stage of the reader, not at a
     * refusal; except the {@code refused-*} seeds, which are there for their refusal.
     */
    @Test
    void packSeedsAreAcceptedPacks() throws Exception {
        Path seeds = Path.of(AddonFuzzTest.class.getResource("AddonFuzzTestInputs/pack").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(seeds)) {
            files = s.filter(p -> !p.getFileName().toString().matches("(crash|timeout|oom|slow-unit|leak)-.*")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("sstools.7z", "ssfix.cab", "lzx15-nocsum.cab",
                "refused-ppmd.7z");
        for (Path f : files) {
            if (f.getFileName().toString().startsWith("refused-")) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> readPack(f)).as(f.toString())
                        .isInstanceOf(dev.slipstream.core.error.BadInputException.class);
            } else {
                readPack(f);
            }
        }
    }

    /**
     * The pack body over the shared corpus's cabinets and self-extractors: none is an addon pack,
     * so each must be refused as bad input (or read), never crash; and the entries body over its INF files.
     */
    @Test
    void sharedCorpus() throws Exception {
        var cabs = CorpusFiles.under("cab", p -> CorpusFiles.name(p).toLowerCase(java.util.Locale.ROOT).endsWith(".cab"));
        assertThat(cabs).hasSizeGreaterThan(20);
        for (Path f : cabs) {
            FuzzOutcome.expectResultOrTyped("addon " + f, () -> readPack(f));
        }
        var infs = CorpusFiles.under("inf", p -> !CorpusFiles.name(p).endsWith(".tsv") && !CorpusFiles.name(p).endsWith(".md"));
        assertThat(infs).hasSizeGreaterThan(100);
        for (Path f : infs) {
            byte[] data = Files.readAllBytes(f);
            FuzzOutcome.expectResultOrTyped("addon-entries " + f, () -> readEntries(data));
        }
    }
}
