package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted cabinets that lie in their headers. Each must end in a {@link BadInputException} that
 * names the file and offset, quickly, without allocating what the header claims.
 */
class HostileCabinetTest {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    /** Opens and decodes every member, as extraction would. */
    private static void readEverything(Path cab) throws IOException {
        try (CabinetReader r = CabinetReader.open(cab)) {
            byte[] buf = new byte[65536];
            for (CabEntry e : r.entries()) {
                try (InputStream in = r.openStream(e)) {
                    while (in.read(buf) >= 0) {
                        // drain
                    }
                }
            }
        }
    }

    private void assertRejected(Path cab, String... messageParts) {
        assertTimeoutPreemptively(LIMIT, () -> assertThatThrownBy(() -> readEverything(cab))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(cab.toString())
                .hasMessageContaining("offset")
                .hasMessageContainingAll(messageParts));
    }

    private static TestCabinets.Layout sample() {
        return TestCabinets.stored(List.of("a.txt", "b.txt"),
                List.of("hello\n".getBytes(StandardCharsets.US_ASCII), "world\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theSampleItselfIsReadable() throws IOException {
        Path cab = write("ok.cab", sample().bytes());
        try (CabinetReader r = CabinetReader.open(cab)) {
            assertThat(r.entries()).extracting(CabEntry::path).containsExactly("a.txt", "b.txt");
            assertThat(r.openStream(r.entries().get(1)).readAllBytes()).isEqualTo("world\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void absurdFileCountIsRejectedBeforeAllocating() throws IOException {
        byte[] b = sample().bytes();
        TestCabinets.putU16(b, CabConstants.CFHEADER_C_FILES, 0xFFFF);
        assertRejected(write("files.cab", b), "65535 files");
    }

    @Test
    void absurdFolderCountIsRejectedBeforeAllocating() throws IOException {
        byte[] b = sample().bytes();
        TestCabinets.putU16(b, CabConstants.CFHEADER_C_FOLDERS, 0xFFFF);
        assertRejected(write("folders.cab", b), "65535 folders");
    }

    @Test
    void cabinetSizeBeyondTheFileIsTruncation() throws IOException {
        byte[] b = sample().bytes();
        TestCabinets.putU32(b, CabConstants.CFHEADER_CB_CABINET, 0xFFFF_FFF0L);
        assertRejected(write("size.cab", b), "truncated");
    }

    @Test
    void folderDataPastTheEndOfTheFile() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = l.bytes();
        TestCabinets.putU32(b, l.folderEntry(), 0x7FFF_0000L);
        assertRejected(write("folderdata.cab", b), "past the cabinet's end");
    }

    @Test
    void absurdBlockCountEndsAtTheFirstMissingBlock() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = l.bytes();
        TestCabinets.putU16(b, l.folderEntry() + 4, 0xFFFF);
        // The one real block decodes; the member sizes are satisfied before the missing ones matter,
        // so make the second member claim more than the data holds.
        TestCabinets.putU32(b, l.firstFileEntry() + 16 + 6, 1_000_000);
        assertRejected(write("blocks.cab", b), "past the end of the cabinet");
    }

    @Test
    void memberBeyondItsFolderData() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = l.bytes();
        TestCabinets.putU32(b, l.firstFileEntry(), 0x7FFF_FFFFL);
        assertRejected(write("member.cab", b), "a.txt", "folder's data ends");
    }

    @Test
    void uncompressedBlockSizeOver32KiB() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = l.bytes();
        TestCabinets.putU16(b, l.firstDataBlock() + 6, 40_000);
        assertRejected(write("uncomp.cab", b), "at most 32768");
    }

    @Test
    void compressedBlockSizeOverTheMaximum() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = l.bytes();
        TestCabinets.putU16(b, l.firstDataBlock() + 4, 60_000);
        assertRejected(write("comp.cab", b), "at most 38912");
    }

    @Test
    void badChecksumIsReportedAndCanBeOverridden() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = l.bytes();
        b[l.firstDataBlock() + 8] ^= 0x20; // "hello" -> "Hello"
        Path cab = write("csum.cab", b);
        assertRejected(cab, "checksum", "--ignore-checksums");
        try (CabinetReader r = CabinetReader.open(cab, 0, CabReadOptions.DEFAULTS.withIgnoreChecksums(true))) {
            assertThat(new String(r.openStream(r.entries().get(0)).readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Hello\n");
        }
    }

    @Test
    void zeroChecksumMeansNone() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = l.bytes();
        TestCabinets.putU32(b, l.firstDataBlock(), 0);
        b[l.firstDataBlock() + 8] ^= 0x20;
        try (CabinetReader r = CabinetReader.open(write("nocsum.cab", b))) {
            assertThat(new String(r.openStream(r.entries().get(0)).readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Hello\n");
        }
    }

    @Test
    void unterminatedNameRunningOffTheEnd() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = java.util.Arrays.copyOf(l.bytes(), l.firstFileEntry() + 16 + 3);
        TestCabinets.putU32(b, CabConstants.CFHEADER_CB_CABINET, b.length);
        TestCabinets.putU16(b, l.folderEntry() + 4, 0);
        TestCabinets.putU16(b, CabConstants.CFHEADER_C_FILES, 1);
        assertRejected(write("name.cab", b), "name of file 1", "runs past the end");
    }

    @Test
    void folderIndexOutOfRange() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = l.bytes();
        TestCabinets.putU16(b, l.firstFileEntry() + 8, 7);
        assertRejected(write("index.cab", b), "names folder 7");
    }

    @Test
    void unknownCompressionType() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = l.bytes();
        TestCabinets.putU16(b, l.folderEntry() + 6, 0x000F);
        assertRejected(write("type.cab", b), "unknown compression type 0x000F");
    }

    @Test
    void lzxWindowOutOfRange() throws IOException {
        TestCabinets.Layout l = sample();
        byte[] b = l.bytes();
        TestCabinets.putU16(b, l.folderEntry() + 6, CabConstants.lzx(25));
        assertRejected(write("window.cab", b), "2^25");
    }

    @Test
    void aCabinetThatNamesItselfAsNextIsALoop() throws IOException {
        // Rebuild the header with the NEXT flag and szCabinetNext = its own name.
        byte[] plain = sample().bytes();
        byte[] names = "loop.cab\0disk\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] b = new byte[plain.length + names.length];
        System.arraycopy(plain, 0, b, 0, 36);
        System.arraycopy(names, 0, b, 36, names.length);
        System.arraycopy(plain, 36, b, 36 + names.length, plain.length - 36);
        TestCabinets.putU16(b, CabConstants.CFHEADER_FLAGS, CabConstants.FLAG_NEXT_CABINET);
        TestCabinets.putU32(b, CabConstants.CFHEADER_CB_CABINET, b.length);
        int folder = 36 + names.length;
        long coff = (b[folder] & 0xFF) | (b[folder + 1] & 0xFF) << 8;
        TestCabinets.putU32(b, folder, coff + names.length);
        Path cab = write("loop.cab", b);
        assertTimeoutPreemptively(LIMIT, () -> assertThatThrownBy(() -> readEverything(cab))
                .isInstanceOf(BadInputException.class).hasMessageContaining("loop"));
    }

    @Test
    void anLzxStreamThatNeverEndsIsAnErrorNotAHang() throws IOException {
        // A real LZX cabinet whose one data block is cut short: the decoder runs out of input
        // in the middle of a block and must say so rather than wait for more.
        Path real = SharedCorpus.corpus("cab/libarchive/test_read_format_cab_3.cab");
        byte[] b = Files.readAllBytes(real);
        try (CabinetReader r = CabinetReader.open(real)) {
            CabFolder f = r.folders().get(0).segments().get(0).folder();
            int block = (int) f.dataOffset();
            int cbData = (b[block + 4] & 0xFF) | (b[block + 5] & 0xFF) << 8;
            TestCabinets.putU32(b, block, 0);
            TestCabinets.putU16(b, block + 4, cbData / 3);
        }
        assertRejected(write("lzx-short.cab", b), "LZX");
    }

    @Test
    void randomGarbageInEveryCompressionNeverHangsOrCrashes() throws IOException {
        Random rnd = new Random(20261121);
        int[] types = {CabConstants.COMPRESS_MSZIP, CabConstants.lzx(15), CabConstants.lzx(21),
            CabConstants.COMPRESS_QUANTUM | (10 << 8), CabConstants.COMPRESS_QUANTUM | (21 << 8)};
        for (int type : types) {
            for (int round = 0; round < 40; round++) {
                byte[] payload = new byte[1 + rnd.nextInt(4000)];
                rnd.nextBytes(payload);
                if (type == CabConstants.COMPRESS_MSZIP) {
                    payload[0] = 'C';
                    if (payload.length > 1) {
                        payload[1] = 'K';
                    }
                }
                TestCabinets.Layout l = TestCabinets.build(type, List.of(new TestCabinets.Member("x", 32768 * 3, 0)),
                        List.of(new TestCabinets.Block(payload, 32768), new TestCabinets.Block(payload, 32768),
                                new TestCabinets.Block(payload, 32768)));
                Path cab = write("garbage-" + type + "-" + round + ".cab", l.bytes());
                assertTimeoutPreemptively(LIMIT, () -> {
                    try {
                        readEverything(cab);
                    } catch (BadInputException expected) {
                        assertThat(expected.getMessage()).contains("folder 0").contains("data block");
                    }
                });
            }
        }
    }
}
