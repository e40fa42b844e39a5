package dev.slipstream.core.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images damaged on purpose: every read ends, with a result or a clear BadInputException. */
class IsoReaderHostileTest {

    @TempDir
    Path tmp;
    Path iso;

    @BeforeEach
    void master() throws IOException {
        IsoTree t = new IsoTree()
                .add("A/B/FILE.TXT", ContentSource.ofBytes("hello\n".getBytes(StandardCharsets.US_ASCII), "file"))
                .add("TOP.TXT", ContentSource.ofBytes("top\n".getBytes(StandardCharsets.US_ASCII), "top"));
        iso = tmp.resolve("x.iso");
        new IsoImageWriter(IsoWriteOptions.defaults(Instant.EPOCH).joliet(false)).write(t, iso);
    }

    /** Offset of the directory record named {@code id} inside the directory at {@code dirLba}. */
    long recordOffset(long dirLba, String id) throws IOException {
        byte[] sector = new byte[IsoConstants.SECTOR];
        try (RandomAccessFile f = new RandomAccessFile(iso.toFile(), "r")) {
            f.seek(dirLba * IsoConstants.SECTOR);
            f.readFully(sector);
        }
        int pos = 0;
        while (pos < sector.length && sector[pos] != 0) {
            int idLen = sector[pos + 32];
            if (new String(sector, pos + 33, idLen, StandardCharsets.US_ASCII).equals(id)) {
                return dirLba * IsoConstants.SECTOR + pos;
            }
            pos += sector[pos] & 0xFF;
        }
        throw new AssertionError(id + " not found");
    }

    IsoEntry entry(String path) throws IOException {
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            return r.entries().stream().filter(e -> e.path().equals(path)).findFirst().orElseThrow();
        }
    }

    void patchLe32AndBe32(long offset, long value) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(iso.toFile(), "rw")) {
            byte[] b = new byte[8];
            IsoBytes.both32(b, 0, value);
            f.seek(offset);
            f.write(b);
        }
    }

    @Test
    void aDirectoryPointingAtItsAncestorEndsWithAWarning() throws Exception {
        long rootLba = entry("A").lba() - 1; // the root directory precedes A in our layout
        long bRecord = recordOffset(entry("A").lba(), "B");
        patchLe32AndBe32(bRecord + 2, rootLba);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (IsoImageReader r = IsoImageReader.open(iso)) {
                List<IsoEntry> entries = r.entries();
                assertThat(entries).extracting(IsoEntry::path).contains("A", "A/B", "TOP.TXT").doesNotHaveDuplicates();
                assertThat(r.warnings()).anyMatch(w -> w.contains("loop broken"));
            }
        });
    }

    @Test
    void aFileClaimingMoreThanTheImageIsRefusedWhenRead() throws Exception {
        long rec = recordOffset(entry("A").lba() - 1, "TOP.TXT");
        patchLe32AndBe32(rec + 10, 0xFFFF_F000L);
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            IsoEntry top = r.entries().stream().filter(e -> e.path().equals("TOP.TXT")).findFirst().orElseThrow();
            assertThat(top.size()).isEqualTo(0xFFFF_F000L);
            assertThatThrownBy(() -> r.content(top)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("TOP.TXT").hasMessageContaining("beyond the image end");
        }
    }

    @Test
    void aDirectoryClaimingMoreThanTheImageIsBadInput() throws Exception {
        long rec = recordOffset(entry("A").lba() - 1, "A");
        patchLe32AndBe32(rec + 10, 0x7FFF_0000L);
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            assertThatThrownBy(r::entries).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("directory '/A'").hasMessageContaining("beyond the image end")
                    .hasMessageContaining(iso.toString());
        }
    }

    @Test
    void aTruncatedImageIsBadInputNamingTheOffset() throws Exception {
        long aLba = entry("A").lba();
        try (RandomAccessFile f = new RandomAccessFile(iso.toFile(), "rw")) {
            f.setLength(aLba * IsoConstants.SECTOR);
        }
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            assertThatThrownBy(r::entries).isInstanceOf(BadInputException.class).hasMessageContaining("at offset");
        }
    }

    @Test
    void aRecordNamedDotDotIsSkippedAndNothingLandsOutsideTheDestination() throws Exception {
        long rec = recordOffset(entry("A").lba() - 1, "TOP.TXT");
        try (RandomAccessFile f = new RandomAccessFile(iso.toFile(), "rw")) {
            f.seek(rec + 32);
            f.write(new byte[] {2, '.', '.'});
        }
        Path dest = tmp.resolve("dest").resolve("inner");
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            IsoExtractor.Summary s = new IsoExtractor(r).extract(IsoNamespace.ISO9660, dest);
            assertThat(s.files()).isEqualTo(1);
            assertThat(r.warnings()).anyMatch(w -> w.contains("record named '..' skipped"));
        }
        try (var files = Files.walk(tmp.resolve("dest"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> tmp.resolve("dest").relativize(p).toString()))
                    .containsExactly("inner/A/B/FILE.TXT");
        }
    }

    @Test
    void somethingElseIsNotMistakenForAnImage() throws Exception {
        Path junk = tmp.resolve("junk.iso");
        Files.write(junk, new byte[40 * 2048]);
        assertThatThrownBy(() -> IsoImageReader.open(junk)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no 'CD001' volume descriptor");
        Path tiny = tmp.resolve("tiny.iso");
        Files.write(tiny, new byte[100]);
        assertThatThrownBy(() -> IsoImageReader.open(tiny)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("too small");
    }

    @Test
    void theRockRidgeContinuationLoopOfTheCorpusEnds() {
        Path loop = dev.slipstream.testing.SharedCorpus.corpus("iso/libarchive/test_read_format_iso_rockridge_ce_loop.iso");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (IsoImageReader r = IsoImageReader.open(loop)) {
                r.entries();
                assertThat(r.warnings()).anyMatch(w -> w.contains("continuation"));
            }
        });
    }
}
