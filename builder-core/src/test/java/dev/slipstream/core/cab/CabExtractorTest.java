package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CabExtractorTest {

    @TempDir
    Path tmp;

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void extractsWithSlashesAndTheCabinetsTimesReadAsUtc() throws IOException {
        Path out = tmp.resolve("out");
        try (CabinetReader r = CabinetReader.open(SharedCorpus.corpus("cab/libmspack/cabextract_test_cabs/dir.cab"))) {
            CabExtractor.Result res = CabExtractor.extract(r, out, CabExtractor.Options.all());
            assertThat(res.files()).extracting(CabExtractor.Written::relativePath).containsExactly("plain.c", "1/2/3/4.c");
        }
        assertThat(Files.size(out.resolve("1/2/3/4.c"))).isEqualTo(74);
        // 1997-03-12 11:13:52 in the cabinet
        assertThat(Files.getLastModifiedTime(out.resolve("plain.c")).toInstant()).isEqualTo(Instant.parse("1997-03-12T11:13:52Z"));
        assertThat(filesUnder(out)).hasSize(2);
    }

    @Test
    void aHostileNameStopsEverythingBeforeAnyByteIsWritten() throws IOException {
        Path out = tmp.resolve("dest");
        Path cab = SharedCorpus.corpus("cab/libmspack/cabextract_test_cabs/dirwalk-vulns.cab");
        try (CabinetReader r = CabinetReader.open(cab)) {
            assertThatThrownBy(() -> CabExtractor.extract(r, out, CabExtractor.Options.all()))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("member \"/absolute/path\" is an absolute path")
                    .hasMessageContaining("nothing was extracted");
        }
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.walk(tmp)) {
            assertThat(s.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void unsafeNamesAreRecognised() {
        assertThat(CabExtractor.unsafeReason("a/b/c.txt")).isNull();
        assertThat(CabExtractor.unsafeReason("..")).contains("..");
        assertThat(CabExtractor.unsafeReason("a/../../b")).contains("..");
        assertThat(CabExtractor.unsafeReason("/etc/passwd")).contains("absolute");
        assertThat(CabExtractor.unsafeReason("C:/Windows/win.ini")).contains("drive letter");
        assertThat(CabExtractor.unsafeReason("dir/CON")).contains("device CON");
        assertThat(CabExtractor.unsafeReason("lpt1.txt")).contains("device LPT1.TXT");
        assertThat(CabExtractor.unsafeReason("a//b")).contains("empty path component");
        assertThat(CabExtractor.unsafeReason("a\nb")).contains("control character");
        assertThat(CabExtractor.unsafeReason("console.txt")).isNull();
    }

    @Test
    void caseInsensitiveCollisionsAreReportedAndTheLastMemberWins() throws IOException {
        TestCabinets.Layout l = TestCabinets.stored(List.of("Readme.TXT", "README.txt", "other.txt"),
                List.of(bytes("first"), bytes("second"), bytes("third")));
        Path cab = Files.write(tmp.resolve("collide.cab"), l.bytes());
        Path out = tmp.resolve("out");
        try (CabinetReader r = CabinetReader.open(cab)) {
            CabExtractor.Result res = CabExtractor.extract(r, out, CabExtractor.Options.all());
            assertThat(res.collisions()).singleElement().asString().contains("Readme.TXT").contains("README.txt");
            assertThat(res.files()).extracting(CabExtractor.Written::relativePath).containsExactly("README.txt", "other.txt");
        }
        assertThat(filesUnder(out)).extracting(p -> p.getFileName().toString()).containsExactly("README.txt", "other.txt");
        assertThat(Files.readString(out.resolve("README.txt"))).isEqualTo("second");
    }

    @Test
    void aSymlinkInTheDestinationCannotLeadOutside() throws IOException {
        TestCabinets.Layout l = TestCabinets.stored(List.of("link\\evil.txt"), List.of(bytes("x")));
        Path cab = Files.write(tmp.resolve("link.cab"), l.bytes());
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(out.resolve("link"), elsewhere);
        try (CabinetReader r = CabinetReader.open(cab)) {
            assertThatThrownBy(() -> CabExtractor.extract(r, out, CabExtractor.Options.all()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("symbolic link");
        }
        assertThat(filesUnder(elsewhere)).isEmpty();
    }

    @Test
    void filterAndLowercase() throws IOException {
        Path out = tmp.resolve("out");
        try (CabinetReader r = CabinetReader.open(SharedCorpus.corpus("cab/libmspack/cabextract_test_cabs/case-ascii.cab"))) {
            CabExtractor.Result res = CabExtractor.extract(r, out,
                    new CabExtractor.Options(CabExtractor.glob("*UPPER*"), true, 2));
            assertThat(res.files()).extracting(CabExtractor.Written::relativePath)
                    .containsExactly("ascii/upper/abcdefghijklmnopqrstuvwxyz");
        }
    }

    @Test
    void independentFoldersDecodeOnSeparateThreads() throws IOException {
        Path cab = SharedCorpus.corpus("cab/libmspack/cabextract_test_cabs/mixed.cab");
        Set<String> threads = Collections.synchronizedSet(new HashSet<>());
        try (CabinetReader r = CabinetReader.open(cab)) {
            assertThat(r.folders()).hasSize(3);
            r.readAll(e -> true, 3, (e, in) -> {
                threads.add(Thread.currentThread().getName() + "#" + Thread.currentThread().getId());
                in.readAllBytes();
            });
        }
        assertThat(threads).hasSize(3);
        // and the output is the same as decoding on one thread
        Path one = tmp.resolve("one");
        Path many = tmp.resolve("many");
        try (CabinetReader r = CabinetReader.open(cab)) {
            CabExtractor.extract(r, one, new CabExtractor.Options(e -> true, false, 1));
        }
        try (CabinetReader r = CabinetReader.open(cab)) {
            CabExtractor.extract(r, many, new CabExtractor.Options(e -> true, false, 4));
        }
        for (String f : List.of("mszip.txt", "lzx.txt", "qtm.txt")) {
            assertThat(Files.readAllBytes(many.resolve(f))).isEqualTo(Files.readAllBytes(one.resolve(f)));
        }
    }

    @Test
    void aCorruptFolderFailsTheExtractionAndLeavesNoTemporaryFiles() throws IOException {
        TestCabinets.Layout l = TestCabinets.stored(List.of("a.txt"), List.of(bytes("hello")));
        byte[] b = l.bytes();
        b[l.firstDataBlock() + 8] ^= 1;
        Path cab = Files.write(tmp.resolve("bad.cab"), b);
        Path out = tmp.resolve("out");
        try (CabinetReader r = CabinetReader.open(cab)) {
            assertThatThrownBy(() -> CabExtractor.extract(r, out, CabExtractor.Options.all()))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("checksum");
        }
        assertThat(filesUnder(out)).isEmpty();
    }

    @Test
    void testModeDecodesEverythingAndWritesNothing() throws IOException {
        try (CabinetReader r = CabinetReader.open(SharedCorpus.corpus("cab/python-cabarchive/multi-folder-compressed.cab"))) {
            CabExtractor.Result res = CabExtractor.test(r, CabExtractor.Options.all());
            assertThat(res.totalBytes()).isEqualTo(567_720 + 7);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
