package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.cab.CabTestData.Kind;
import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CabinetWriterTest {

    private static final Instant WHEN = Instant.parse("2007-02-17T10:20:30Z");

    @TempDir
    Path tmp;

    private static List<CabinetWriter.Entry> sample() {
        List<CabinetWriter.Entry> list = new ArrayList<>();
        list.add(CabinetWriter.Entry.ofBytes("a.txt", CabTestData.generate(Kind.TEXT, 100_000, 1), WHEN));
        list.add(CabinetWriter.Entry.ofBytes("sub\\b.dll", CabTestData.generate(Kind.PE, 300_000, 2), WHEN));
        list.add(CabinetWriter.Entry.ofBytes("c.bin", CabTestData.generate(Kind.RANDOM, 70_000, 3), WHEN));
        return list;
    }

    private Path write(String name, List<CabinetWriter.Entry> entries, CabinetWriter.Options o) throws IOException {
        Path p = tmp.resolve(name);
        CabinetWriter.write(p, entries, o);
        return p;
    }

    private static CabinetWriter.Options opts(String compression) {
        return CabinetWriter.Options.defaults().withCompression(CabCompression.parse(compression))
                .withTimestamp(Optional.empty());
    }

    @Test
    void sameInputGivesSameBytesWhateverTheThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (String c : new String[] {"none", "mszip", "lzx:21", "lzx:16"}) {
                byte[] one = Files.readAllBytes(write("1.cab", sample(), opts(c)));
                byte[] two = Files.readAllBytes(write("2.cab", sample(), opts(c).withThreads(3, pool)));
                assertThat(two).as(c).isEqualTo(one);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void headerFieldsDescribeWhatWasWritten() throws Exception {
        List<CabinetWriter.Entry> entries = new ArrayList<>(sample());
        entries.add(CabinetWriter.Entry.ofBytes("Ünïcode.txt", new byte[] {1, 2, 3}, WHEN));
        Path cab = write("h.cab", entries, opts("lzx:21").withTimestamp(Optional.of(Instant.parse("2010-06-15T08:30:10Z"))));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(cab)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(CabConstants.SIGNATURE);
        assertThat(b.getInt(CabConstants.CFHEADER_CB_CABINET)).isEqualTo(b.capacity());
        assertThat(b.getShort(CabConstants.CFHEADER_C_FOLDERS)).isEqualTo((short) 1);
        assertThat(b.getShort(CabConstants.CFHEADER_C_FILES)).isEqualTo((short) 4);
        assertThat(b.getShort(CabConstants.CFHEADER_FLAGS)).isZero();
        int folder = CabConstants.CFHEADER_SIZE;
        assertThat(b.getShort(folder + 6) & 0xFFFF).isEqualTo(CabConstants.lzx(21));
        int blocks = b.getShort(folder + 4) & 0xFFFF;
        assertThat(blocks).isEqualTo((100_000 + 300_000 + 70_000 + 3 + 32767) / 32768);
        int file = b.getInt(CabConstants.CFHEADER_COFF_FILES);
        int dataStart = b.getInt(folder);
        int[] expectedDos = CabinetWriter.dosDateTime(Instant.parse("2010-06-15T08:30:10Z"));
        for (int i = 0; i < 4; i++) {
            int attribs = b.getShort(file + 14) & 0xFFFF;
            assertThat(b.getShort(file + 10) & 0xFFFF).isEqualTo(expectedDos[0]);
            assertThat(b.getShort(file + 12) & 0xFFFF).isEqualTo(expectedDos[1]);
            int end = file + 16;
            while (b.get(end) != 0) {
                end++;
            }
            String name = new String(b.array(), file + 16, end - file - 16, java.nio.charset.StandardCharsets.UTF_8);
            boolean utf = (attribs & CabConstants.ATTR_NAME_IS_UTF) != 0;
            assertThat(utf).as("UTF flag of %s", name).isEqualTo(name.startsWith("Ü"));
            assertThat(attribs & CabConstants.ATTR_ARCHIVE).isNotZero();
            file = end + 1;
        }
        assertThat(file).isEqualTo(dataStart);
        // Every CFDATA carries its real checksum.
        int p = dataStart;
        for (int i = 0; i < blocks; i++) {
            int csum = b.getInt(p);
            int cb = b.getShort(p + 4) & 0xFFFF;
            int ucb = b.getShort(p + 6) & 0xFFFF;
            assertThat(csum).isEqualTo(CabChecksum.forBlock(b.array(), p + 8, cb, ucb)).isNotZero();
            p += 8 + cb;
        }
        assertThat(p).isEqualTo(b.capacity());
    }

    @Test
    void dosDatesAreUtcAndClamped() {
        assertThat(CabinetWriter.dosDateTime(Instant.parse("2010-06-15T08:30:10Z")))
                .containsExactly((30 << 9) | (6 << 5) | 15, (8 << 11) | (30 << 5) | 5);
        assertThat(CabinetWriter.dosDateTime(Instant.EPOCH)).containsExactly((1 << 5) | 1, 0);
    }

    @Test
    void folderLimitSplitsIntoSeveralFolders() throws Exception {
        Path cab = write("f.cab", sample(), opts("mszip").withMaxFolderBytes(150_000));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(cab)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(CabConstants.CFHEADER_C_FOLDERS)).isEqualTo((short) 3);
    }

    private void assertRejected(List<CabinetWriter.Entry> entries, String message) throws IOException {
        Path cab = tmp.resolve("bad.cab");
        assertThatThrownBy(() -> CabinetWriter.write(cab, entries, opts("lzx:21")))
                .isInstanceOf(BadInputException.class).hasMessageContaining(message);
        assertThat(cab).doesNotExist();
        try (var s = Files.list(tmp)) {
            assertThat(s.filter(p -> p.getFileName().toString().contains("bad.cab"))).isEmpty();
        }
    }

    private static CabinetWriter.Entry named(String name) {
        return CabinetWriter.Entry.ofBytes(name, new byte[] {1}, WHEN);
    }

    @Test
    void badNamesAreRejectedBeforeAnythingIsWritten() throws Exception {
        assertRejected(List.of(named("")), "empty");
        assertRejected(List.of(named("a/b")), "'/'");
        assertRejected(List.of(named("..\\evil")), "'..'");
        assertRejected(List.of(named("\\abs")), "empty path component");
        assertRejected(List.of(named("x\0y")), "NUL");
        assertRejected(List.of(named("bad\uD800name")), "cannot be encoded");
        assertRejected(List.of(named("é".repeat(128))), "at most 255");
        assertRejected(List.of(named("Setup.INF"), named("setup.inf")), "already used");
    }

    @Test
    void limitsOfTheFormatAreReportedClearly() throws Exception {
        List<CabinetWriter.Entry> many = new ArrayList<>();
        for (int i = 0; i <= 65_535; i++) {
            many.add(CabinetWriter.Entry.ofBytes("f" + i, new byte[0], WHEN));
        }
        assertRejected(many, "65,536 files do not fit");
        CabinetWriter.Entry huge = new CabinetWriter.Entry("huge.bin", "huge.bin", InputStream::nullInputStream,
                5L << 30, WHEN, 0);
        assertRejected(List.of(huge), "too large for a cabinet");
        CabinetWriter.Entry big = new CabinetWriter.Entry("big.bin", "big.bin", InputStream::nullInputStream,
                3L << 30, WHEN, 0);
        assertRejected(List.of(big), "a cabinet folder holds at most");
    }

    @Test
    void inputsThatChangeOrFailLeaveNoOutput() throws Exception {
        CabinetWriter.Entry shrank = new CabinetWriter.Entry("s.bin", "/src/s.bin",
                () -> new java.io.ByteArrayInputStream(new byte[10]), 20, WHEN, 0);
        assertRejected(List.of(named("ok"), shrank), "shrank");
        CabinetWriter.Entry grew = new CabinetWriter.Entry("g.bin", "/src/g.bin",
                () -> new java.io.ByteArrayInputStream(new byte[30]), 20, WHEN, 0);
        assertRejected(List.of(grew), "grew");
        CabinetWriter.Entry unreadable = new CabinetWriter.Entry("u.bin", "/src/u.bin",
                () -> {
                    throw new java.nio.file.AccessDeniedException("/src/u.bin");
                }, 20, WHEN, 0);
        assertRejected(List.of(unreadable), "/src/u.bin");
    }

    @Test
    void anExistingCabinetIsReplacedOnlyOnSuccess() throws Exception {
        Path cab = tmp.resolve("keep.cab");
        Files.writeString(cab, "old");
        assertThatThrownBy(() -> CabinetWriter.write(cab, List.of(named("a"), named("A")), opts("mszip")))
                .isInstanceOf(BadInputException.class);
        assertThat(Files.readString(cab)).isEqualTo("old");
    }
}
