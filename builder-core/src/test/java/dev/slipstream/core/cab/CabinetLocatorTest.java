package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.cab.CabinetLocator.Candidate;
import dev.slipstream.core.cab.CabinetLocator.Method;
import dev.slipstream.core.cab.CabinetLocator.Result;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.pe.PeFile;
import dev.slipstream.testing.ExternalTool;
import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CabinetLocatorTest {

    @TempDir
    Path tmp;

    private static Path sfx(String name) {
        return SharedCorpus.corpus("cab/synthetic-sfx/" + name);
    }

    /** The members cabextract lists for the cabinet at [offset, offset+length) of a file. */
    private Set<String> cabextractMembers(Path file, Candidate c) throws Exception {
        ExternalTool cabextract = ExternalTool.require("cabextract", "cabextract");
        Path cab = tmp.resolve("extracted-" + c.offset() + ".cab");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] b = new byte[(int) c.declaredLength()];
            raf.seek(c.offset());
            raf.readFully(b);
            Files.write(cab, b);
        }
        String out = cabextract.run(tmp, 30, "-l", cab.toString()).assertSuccess("cabextract -l").stdout();
        Set<String> names = new TreeSet<>();
        boolean table = false;
        for (String line : out.split("\n")) {
            if (line.startsWith("-----------")) {
                table = true;
                continue;
            }
            if (table && line.contains(" | ")) {
                names.add(line.substring(line.lastIndexOf(" | ") + 3).trim());
            }
        }
        return names;
    }

    /** The members ORACLE.tsv lists for a corpus file. */
    private static Set<String> oracleMembers(String corpusFile) throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<String> lines = Files.lines(SharedCorpus.corpus("cab/ORACLE.tsv"))) {
            lines.map(l -> l.split("\t", -1)).filter(f -> f[0].equals(corpusFile) && f[3].equals("ok"))
                    .forEach(f -> names.add(f[4]));
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sfx-lzx21-appended.exe", "sfx-mszip-appended.exe", "sfx-mixed-qtm-appended.exe"})
    void anAppendedCabinetIsFoundInThePeOverlayWithoutAScan(String name) throws Exception {
        Path file = sfx(name);
        Result r = CabinetLocator.locate(file);
        Candidate best = r.require();
        assertThat(best.method()).isEqualTo(Method.PE_OVERLAY);
        PeFile pe = PeFile.read(file);
        assertThat(best.offset()).isEqualTo(pe.overlayOffset());
        assertThat(best.end()).isEqualTo(Files.size(file));
        assertThat(r.chosen()).hasSize(1);
        assertThat(r.candidates()).noneMatch(c -> c.method() == Method.SIGNATURE_SCAN);
        assertThat(cabextractMembers(file, best)).isEqualTo(oracleMembers("synthetic-sfx/" + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sfx-lzx21-rcdata.exe", "sfx-mszip-rcdata.exe", "sfx-mixed-qtm-rcdata.exe"})
    void anIExpressCabinetIsFoundInTheRcdataResource(String name) throws Exception {
        Path file = sfx(name);
        Result r = CabinetLocator.locate(file);
        Candidate best = r.require();
        assertThat(best.method()).isEqualTo(Method.PE_RESOURCE);
        assertThat(best.describe()).contains("RT_RCDATA resource \"CABINET\"").contains("chosen");
        assertThat(best.end()).isLessThan(Files.size(file));
        assertThat(cabextractMembers(file, best)).isEqualTo(oracleMembers("synthetic-sfx/" + name));
    }

    @Test
    void aPlainCabinetIsTheWholeFile() throws Exception {
        Path file = SharedCorpus.corpus("cab/clamav/clam.cab");
        Result r = CabinetLocator.locate(file);
        assertThat(r.candidates()).hasSize(1);
        Candidate c = r.require();
        assertThat(c.method()).isEqualTo(Method.WHOLE_FILE);
        assertThat(c.offset()).isZero();
        assertThat(c.declaredLength()).isEqualTo(Files.size(file));
    }

    @Test
    void everyCorpusCabinetIsLocatedAsTheWholeFile() throws Exception {
        Path root = SharedCorpus.corpus("cab");
        List<String> checked = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".cab")).toList()) {
                byte[] head = new byte[4];
                try (var in = Files.newInputStream(f)) {
                    if (in.readNBytes(head, 0, 4) < 4 || !Arrays.equals(head, CabConstants.SIGNATURE_BYTES)) {
                        continue;
                    }
                }
                if (f.endsWith("search_tricky1.cab")) {
                    continue; // junk "MSCF" in front of the real cabinet: tested on its own
                }
                Result r = CabinetLocator.locate(f);
                assertThat(r.require().method()).as(f.toString()).isEqualTo(Method.WHOLE_FILE);
                assertThat(r.require().offset()).isZero();
                checked.add(f.toString());
            }
        }
        assertThat(checked).hasSizeGreaterThan(50);
    }

    @Test
    void junkThatStartsWithMscfDoesNotHideTheRealCabinetBehindIt() throws Exception {
        // "MSCFMSCF...": the first signature's reserved fields are the second one's bytes.
        Path file = SharedCorpus.corpus("cab/libmspack/test_files_cabd/search_tricky1.cab");
        Result r = CabinetLocator.locate(file);
        Candidate best = r.require();
        assertThat(best.offset()).isEqualTo(4);
        assertThat(best.method()).isEqualTo(Method.SIGNATURE_SCAN);
        assertThat(r.candidates()).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo(Method.WHOLE_FILE);
            assertThat(c.chosen()).isFalse();
        });
        assertThat(cabextractMembers(file, best)).isEqualTo(oracleMembers("libmspack/test_files_cabd/search_tricky1.cab"));
    }

    @Test
    void concatenatedCabinetsAreAllChosenAndTheirContentsAreNotSearched() throws Exception {
        Path file = SharedCorpus.corpus("cab/libmspack/test_files_cabd/search_basic.cab");
        Result r = CabinetLocator.locate(file);
        assertThat(r.chosen()).extracting(Candidate::offset).containsExactly(6L, 265L);
        Set<String> members = new TreeSet<>();
        for (Candidate c : r.chosen()) {
            members.addAll(cabextractMembers(file, c));
        }
        assertThat(members).isEqualTo(oracleMembers("libmspack/test_files_cabd/search_basic.cab"));
    }

    @Test
    void aCabinetWithADamagedHeaderAndNothingBehindItStillGoesToTheReader() throws Exception {
        // The reader's error ("no folders") is more useful than "no cabinet found".
        Result r = CabinetLocator.locate(SharedCorpus.corpus("cab/libmspack/test_files_cabd/bad_nofolders.cab"));
        Candidate c = r.require();
        assertThat(c.method()).isEqualTo(Method.WHOLE_FILE);
        assertThat(c.describe()).contains("header looks damaged: 0 folders and 2 files");
    }

    @Test
    void cabinetsEmbeddedInAnotherFormatAreFoundByTheScan() throws Exception {
        Path file = SharedCorpus.corpus("cab/clamav/test.png.emb-cabs");
        Result r = CabinetLocator.locate(file);
        assertThat(r.chosen()).isNotEmpty().allMatch(c -> c.method() == Method.SIGNATURE_SCAN);
        Candidate best = r.require();
        assertThat(cabextractMembers(file, best)).isEqualTo(oracleMembers("clamav/test.png.emb-cabs"));
    }

    @Test
    void aFalseSignatureIsRejectedWithItsReason() throws Exception {
        byte[] data = new byte[4096];
        Arrays.fill(data, (byte) 'x');
        System.arraycopy("MSCF".getBytes(), 0, data, 100, 4); // followed by 'x' garbage: version 120.120
        Path f = tmp.resolve("noise.bin");
        Files.write(f, data);
        Result r = CabinetLocator.locate(f);
        assertThat(r.best()).isEmpty();
        assertThat(r.candidates()).singleElement().satisfies(c -> {
            assertThat(c.offset()).isEqualTo(100);
            assertThat(c.chosen()).isFalse();
            assertThat(c.describe()).contains("rejected").contains("version 120.120, not 1.3");
        });
        assertThatThrownBy(r::require).isInstanceOf(BadInputException.class).hasMessageContaining("no cabinet found")
                .hasMessageContaining(f.toString());
    }

    @Test
    void aCabinetHeaderThatClaimsMoreThanTheFileHoldsIsRejected() throws Exception {
        byte[] cab = Files.readAllBytes(SharedCorpus.corpus("cab/clamav/clam.cab"));
        byte[] host = new byte[200 + cab.length];
        System.arraycopy(cab, 0, host, 200, cab.length);
        ByteBuffer.wrap(host).order(ByteOrder.LITTLE_ENDIAN).putInt(200 + 8, cab.length + 1);
        Path f = tmp.resolve("host.bin");
        Files.write(f, host);
        Result r = CabinetLocator.locate(f);
        assertThat(r.best()).isEmpty();
        assertThat(r.candidates().get(0).describe()).contains("declares " + (cab.length + 1) + " bytes but only "
                + cab.length + " follow");
    }

    @Test
    void aCabinetAfterJunkIsFoundAndNestedSignaturesAreNotReportedAsCabinets() throws Exception {
        byte[] cab = Files.readAllBytes(SharedCorpus.corpus("cab/clamav/clam.cab"));
        // clam.cab stores its member uncompressed; put a second copy inside a fake "member" to
        // check the scan resumes after a found cabinet rather than reporting what it contains.
        byte[] host = new byte[3000 + 2 * cab.length];
        Arrays.fill(host, (byte) 0x5A);
        System.arraycopy(cab, 0, host, 1000, cab.length);
        System.arraycopy(cab, 0, host, 2000 + cab.length, cab.length);
        Path f = tmp.resolve("two.bin");
        Files.write(f, host);
        Result r = CabinetLocator.locate(f);
        assertThat(r.chosen()).extracting(Candidate::offset).containsExactly(1000L, 2000L + cab.length);
    }

    @Test
    void aScanSpansChunkBoundaries() throws Exception {
        byte[] cab = Files.readAllBytes(SharedCorpus.corpus("cab/clamav/clam.cab"));
        long at = CabinetLocator.SCAN_CHUNK - 10; // the header straddles the first window's end
        Path f = tmp.resolve("straddle.bin");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(at + cab.length + 100);
            raf.seek(at);
            raf.write(cab);
        }
        assertThat(CabinetLocator.locate(f).require().offset()).isEqualTo(at);
    }

    /** Counts the bytes a locator reads, to prove it reads headers, not files. */
    private static final class CountingChannel implements SeekableByteChannel {
        private final SeekableByteChannel in;
        long bytesRead;

        CountingChannel(SeekableByteChannel in) {
            this.in = in;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = in.read(dst);
            bytesRead += Math.max(0, n);
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() throws IOException {
            return in.position();
        }

        @Override
        public SeekableByteChannel position(long p) throws IOException {
            in.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return in.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    @Test
    void aLargeSelfExtractorIsLocatedWithAFewSmallReads() throws Exception {
        // A real PE stub followed by a 400 MB (sparse) cabinet whose header is sane.
        Path stubSource = sfx("sfx-mszip-appended.exe");
        PeFile stub = PeFile.read(stubSource);
        byte[] head = Arrays.copyOf(Files.readAllBytes(stubSource), (int) stub.overlayOffset() + 36);
        long total = 400L << 20;
        ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) stub.overlayOffset();
        h.putInt(at + 8, (int) (total - at)); // cbCabinet: to the end of the file
        Path f = tmp.resolve("big-sfx.exe");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(head);
            raf.setLength(total);
        }
        try (CountingChannel ch = new CountingChannel(Files.newByteChannel(f))) {
            Result r = CabinetLocator.locate(ch, f.toString());
            assertThat(r.require().method()).isEqualTo(Method.PE_OVERLAY);
            assertThat(r.require().end()).isEqualTo(total);
            assertThat(ch.bytesRead).isLessThan(64 * 1024);
        }
    }

    @Test
    void aCabinetBehindAStubHeaderInTheOverlayIsFoundByScanningTheOverlayOnly() throws Exception {
        Path stubSource = sfx("sfx-mszip-appended.exe");
        PeFile stub = PeFile.read(stubSource);
        byte[] all = Files.readAllBytes(stubSource);
        int overlay = (int) stub.overlayOffset();
        byte[] cab = Arrays.copyOfRange(all, overlay, all.length);
        byte[] host = new byte[overlay + 100 + cab.length];
        System.arraycopy(all, 0, host, 0, overlay);
        Arrays.fill(host, overlay, overlay + 100, (byte) 0x37); // a 7-Zip-SFX-like config block
        System.arraycopy(cab, 0, host, overlay + 100, cab.length);
        Path f = tmp.resolve("stub-header.exe");
        Files.write(f, host);
        Result r = CabinetLocator.locate(f);
        Candidate best = r.require();
        assertThat(best.method()).isEqualTo(Method.SIGNATURE_SCAN);
        assertThat(best.offset()).isEqualTo(overlay + 100L);
        assertThat(best.describe()).contains("MSCF found by a scan in the PE overlay");
        assertThat(r.notes()).anyMatch(n -> n.contains("does not start with a cabinet; scanned it"));
        assertThat(cabextractMembers(f, best)).isEqualTo(oracleMembers("synthetic-sfx/sfx-mszip-appended.exe"));
    }

    @Test
    void aCabinetThatRunsIntoTheCertificateTableIsRejectedOnceWithItsReason() throws Exception {
        Path source = sfx("sfx-mszip-appended.exe");
        PeFile pe = PeFile.read(source);
        byte[] b = Files.readAllBytes(source);
        // Declare the cabinet's last 64 bytes a certificate table: the cabinet no longer fits before it.
        int dirs = (int) pe.ntHeaderOffset() + 24 + 96;
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(dirs + 8 * 4, b.length - 64).putInt(dirs + 8 * 4 + 4, 64);
        Path f = tmp.resolve("cut.exe");
        Files.write(f, b);
        Result r = CabinetLocator.locate(f);
        assertThat(r.best()).isEmpty();
        assertThat(r.candidates()).filteredOn(c -> c.offset() == pe.overlayOffset()).singleElement().satisfies(c -> {
            assertThat(c.method()).isEqualTo(Method.PE_OVERLAY);
            assertThat(c.describe()).contains("rejected").contains("before the certificate table")
                    .contains("declares " + (b.length - pe.overlayOffset()) + " bytes but only "
                            + (b.length - 64 - pe.overlayOffset()) + " follow");
        });
        assertThat(r.notes()).anyMatch(n -> n.contains("does not start with a plausible cabinet"));
    }

    @Test
    void aDamagedPeFallsBackToAScan() throws Exception {
        byte[] b = Files.readAllBytes(sfx("sfx-lzx21-appended.exe"));
        PeFile pe = PeFile.read(sfx("sfx-lzx21-appended.exe"));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort((int) pe.ntHeaderOffset() + 6, (short) 0xFFFF);
        Path f = tmp.resolve("damaged.exe");
        Files.write(f, b);
        Result r = CabinetLocator.locate(f);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("a damaged PE image (the section table"));
        assertThat(r.require().method()).isEqualTo(Method.SIGNATURE_SCAN);
        assertThat(r.require().offset()).isEqualTo(pe.overlayOffset());
    }

    @Test
    void theWordWideSignatureSearchFindsWhatAByteByByteSearchFinds() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
        for (int round = 0; round < 2000; round++) {
            byte[] a = new byte[4 + rnd.nextInt(80)];
            for (int i = 0; i < a.length; i++) {
                // Mostly the signature's own letters and their neighbours, to provoke near-misses.
                a[i] = (byte) "MSCFLMNR\u0000\u0001".charAt(rnd.nextInt(10));
            }
            if (rnd.nextBoolean()) {
                int at = rnd.nextInt(a.length - 3);
                System.arraycopy(CabConstants.SIGNATURE_BYTES, 0, a, at, 4);
            }
            int lastStart = a.length - 4;
            int from = rnd.nextInt(lastStart + 1);
            int expected = -1;
            for (int i = from; i <= lastStart; i++) {
                if (a[i] == 'M' && a[i + 1] == 'S' && a[i + 2] == 'C' && a[i + 3] == 'F') {
                    expected = i;
                    break;
                }
            }
            assertThat(CabinetLocator.Search.indexOfSignature(ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN), from, lastStart)).as(Arrays.toString(a) + " from " + from)
                    .isEqualTo(expected);
        }
    }

    @Test
    void tinyAndEmptyFilesHaveNoCabinet() throws Exception {
        Path f = tmp.resolve("empty");
        Files.write(f, new byte[0]);
        Result r = CabinetLocator.locate(f);
        assertThat(r.candidates()).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.contains("smaller than a cabinet header"));
    }
}
