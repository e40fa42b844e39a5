package dev.slipstream.core.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import dev.slipstream.testing.ByteSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of {@link IsoExtractor} and {@link IsoTree#fromDirectory}: a byte cap checked before
 * anything is written, names that collide ignoring case (Rock Ridge allows them, Windows does
 * not), and symbolic links that must not pull files from outside the source tree.
 */
class IsoExtractLimitsTest {

    private static final Instant DATE = Instant.parse("2007-03-08T04:00:00Z");

    @TempDir
    Path tmp;

    private Path master(Path tree) throws IOException {
        Path iso = tmp.resolve("ours.iso");
        new IsoImageWriter(IsoWriteOptions.defaults(DATE)).write(IsoTree.fromDirectory(tree), iso);
        return iso;
    }

    private static long filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void maxOutputRefusesBeforeWritingAndAllowsWhatFits() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree/I386"));
        Files.write(tree.resolve("A.DAT"), new byte[3000]);
        Files.write(tree.resolve("B.DAT"), new byte[5000]);
        Path iso = master(tmp.resolve("tree"));
        Path out = tmp.resolve("out");
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            assertThatThrownBy(() -> new IsoExtractor(r).maxOutput(7999).extract(IsoNamespace.JOLIET, out))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContainingAll(iso.toString(), "8000 bytes", "7999", "--max-output");
            assertThat(filesUnder(out)).isZero();
            IsoExtractor.Summary s = new IsoExtractor(r).maxOutput(8000).extract(IsoNamespace.JOLIET, out);
            assertThat(s.bytes()).isEqualTo(8000);
            assertThat(filesUnder(out)).isEqualTo(2);
        }
    }

    @Test
    void namesThatCollideIgnoringCaseAreReportedAndExtractTheSameOnEveryHost() throws Exception {
        ExternalTool xorriso = ExternalTool.require("xorriso", "xorriso");
        Path tree = tmp.resolve("tree");
        Files.createDirectories(tree.resolve("Drivers"));
        Files.createDirectories(tree.resolve("DRIVERS"));
        Files.writeString(tree.resolve("Drivers/one.sys"), "1");
        Files.writeString(tree.resolve("DRIVERS/two.sys"), "2");
        Files.writeString(tree.resolve("README.TXT"), "upper");
        Files.writeString(tree.resolve("readme.txt"), "lower!");
        Path iso = tmp.resolve("rr.iso");
        xorriso.run(tmp, 60, "-as", "mkisofs", "-R", "-o", iso.toString(), tree.toString()).assertSuccess("xorriso -as mkisofs");
        Path out = tmp.resolve("out");
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            IsoExtractor.Summary s = new IsoExtractor(r).extract(IsoNamespace.ROCK_RIDGE, out);
            assertThat(s.skipped()).anyMatch(k -> k.contains("README.TXT") && k.contains("readme.txt") && k.contains("ignoring case"))
                    .anyMatch(k -> k.contains("DRIVERS") && k.contains("Drivers") && k.contains("merged"));
            // One directory holding both drivers, one readme: the walk's last spelling ("readme.txt", sorted after "README.TXT").
            try (Stream<Path> top = Files.list(out)) {
                assertThat(top.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("DRIVERS", "readme.txt");
            }
            assertThat(Files.readString(out.resolve("readme.txt"))).isEqualTo("lower!");
            try (Stream<Path> drivers = Files.list(out.resolve("DRIVERS"))) {
                assertThat(drivers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("one.sys", "two.sys");
            }
        }
    }

    @Test
    void aFileAndADirectoryThatCollideIgnoringCaseAreAnErrorBeforeWriting() throws Exception {
        ExternalTool xorriso = ExternalTool.require("xorriso", "xorriso");
        Path tree = tmp.resolve("tree");
        Files.createDirectories(tree.resolve("setup"));
        Files.writeString(tree.resolve("setup/x.inf"), "x");
        Files.writeString(tree.resolve("SETUP"), "a file");
        Path iso = tmp.resolve("rr.iso");
        xorriso.run(tmp, 60, "-as", "mkisofs", "-R", "-o", iso.toString(), tree.toString()).assertSuccess("xorriso -as mkisofs");
        Path out = tmp.resolve("out");
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            assertThatThrownBy(() -> new IsoExtractor(r).extract(IsoNamespace.ROCK_RIDGE, out))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("differ only in case");
        }
        assertThat(filesUnder(out)).isZero();
    }

    @Test
    void aSymbolicLinkOutOfTheSourceTreeIsRefused() throws IOException {
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "not for the image");
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("README.TXT"), "in");
        Files.createSymbolicLink(tree.resolve("LEAK.TXT"), outside);
        assertThatThrownBy(() -> IsoTree.fromDirectory(tree))
                .isInstanceOf(BadInputException.class)
                .hasMessageContainingAll("LEAK.TXT", "outside the source tree");
        // A relative link climbing out is the same.
        Files.delete(tree.resolve("LEAK.TXT"));
        Files.createSymbolicLink(tree.resolve("LEAK.TXT"), Path.of("../secret.txt"));
        assertThatThrownBy(() -> IsoTree.fromDirectory(tree)).hasMessageContaining("outside the source tree");
        // A link to a directory outside is not walked either.
        Files.delete(tree.resolve("LEAK.TXT"));
        Files.createSymbolicLink(tree.resolve("ETC"), tmp);
        assertThatThrownBy(() -> IsoTree.fromDirectory(tree)).hasMessageContaining("outside the source tree");
    }

    @Test
    void aSymbolicLinkInsideTheTreeIsFollowed() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree/I386"));
        Files.writeString(tree.resolve("TXTSETUP.SIF"), "[SetupData]\n");
        Files.createSymbolicLink(tree.resolve("COPY.SIF"), Path.of("TXTSETUP.SIF"));
        Path iso = master(tmp.resolve("tree"));
        Path out = tmp.resolve("out");
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            new IsoExtractor(r).extract(IsoNamespace.JOLIET, out);
        }
        assertThat(Files.readString(out.resolve("I386/COPY.SIF"))).isEqualTo("[SetupData]\n");
    }

    @Test
    void aFileClaimingMoreThanTheImageStopsExtractionBeforeAnythingIsWritten() throws IOException {
        Path tree = Files.createDirectories(tmp.resolve("tree"));
        Files.writeString(tree.resolve("AAA.TXT"), "first, sound");
        Files.writeString(tree.resolve("ZZZ.TXT"), "last, lies about its size");
        Path iso = master(tree);
        // Patch ZZZ.TXT's data length (both-endian at record offset 10) in the root directory.
        byte[] img = Files.readAllBytes(iso);
        int rec = ByteSearch.indexOf(img, "ZZZ.TXT".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) - 33;
        IsoBytes.both32(img, rec + 10, 0xFFFF_F000L);
        Files.write(iso, img);
        Path out = tmp.resolve("out");
        try (IsoImageReader r = IsoImageReader.open(iso)) {
            assertThatThrownBy(() -> new IsoExtractor(r).extract(IsoNamespace.ISO9660, out))
                    .isInstanceOf(BadInputException.class).hasMessageContainingAll("ZZZ.TXT", "beyond the image end");
        }
        assertThat(filesUnder(out)).isZero();
    }
}
