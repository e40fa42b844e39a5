package dev.slipstream.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageVerifierTest {

    @TempDir
    Path dir;

    private PackageCatalog catalog;

    @BeforeEach
    void catalogOfTheCheckString() throws IOException {
        // "123456789" (the CRC check string) as published figures, with SHA1 left unpublished.
        catalog = PackageCatalog.parse("t.catalog", new StringReader(
                "PKG.EXE 9 CBF43926 995DC9BBDF1939FA 15E2B0D3C33891EBB0F1EF609EC419420C20E320CE94C65FBC8C3312448EB225 - "
                        + "D6D3157BD4E809982E0EEA22C5AF5CDDF05473F6ECBE353119591E6CDCB7127E\n"));
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, content, StandardCharsets.US_ASCII);
    }

    @Test
    void theRightFileMatchesWhateverTheCaseOfItsName() throws IOException {
        Verdict v = new PackageVerifier(catalog).verify(file("pkg.exe", "123456789"));
        assertThat(v.status()).isEqualTo(Verdict.Status.MATCH);
        assertThat(v.entry().origin()).isEqualTo("t.catalog:1");
        assertThat(v.byContent()).isFalse();
    }

    @Test
    void aCorruptedFileIsAMismatchNamingEachHashThatDiffers() throws IOException {
        Verdict v = new PackageVerifier(catalog).verify(file("PKG.EXE", "123456780"));
        assertThat(v.status()).isEqualTo(Verdict.Status.MISMATCH);
        assertThat(v.differences()).extracting(Verdict.Difference::field)
                .containsExactly("CRC32", "CRC64", "SHA256", "BLAKE2sp");
        assertThat(v.differences().get(0).expected()).isEqualTo("CBF43926");
        assertThat(v.differences().get(0).actual()).isEqualTo(v.actual().hex(HashAlgorithm.CRC32));
        assertThat(v.note()).contains("same size");
    }

    @Test
    void aTruncatedFileReportsTheSizeFirst() throws IOException {
        Verdict v = new PackageVerifier(catalog).verify(file("PKG.EXE", "12345678"));
        assertThat(v.status()).isEqualTo(Verdict.Status.MISMATCH);
        assertThat(v.differences().get(0)).isEqualTo(new Verdict.Difference("size", "9", "8"));
    }

    @Test
    void aRenamedCopyMatchesByContentAndSaysSo() throws IOException {
        Verdict v = new PackageVerifier(catalog).verify(file("download(1).exe", "123456789"));
        assertThat(v.status()).isEqualTo(Verdict.Status.MATCH);
        assertThat(v.byContent()).isTrue();
        assertThat(v.entry().name()).isEqualTo("PKG.EXE");
        assertThat(v.note()).contains("PKG.EXE").contains("another file name");
    }

    @Test
    void anotherPackageUnderAKnownNameIsAMismatchThatNamesThePackageItReallyIs() throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("abcdefghi".getBytes(StandardCharsets.US_ASCII));
        PackageCatalog two = catalog.plus(PackageCatalog.parse("u.catalog", new StringReader(
                "OTHER.EXE 9 %08X - - - -\n".formatted(crc.getValue()))));
        Verdict v = new PackageVerifier(two).verify(file("PKG.EXE", "abcdefghi"));
        assertThat(v.status()).isEqualTo(Verdict.Status.MISMATCH);
        assertThat(v.entry().name()).isEqualTo("PKG.EXE");
        assertThat(v.note()).contains("OTHER.EXE (u.catalog:1)").contains("renamed");
    }

    @Test
    void anUnknownFileIsNotHashedWhenNoEntryHasItsSize() throws IOException {
        Verdict v = new PackageVerifier(catalog).verify(file("notes.txt", "hello"));
        assertThat(v.status()).isEqualTo(Verdict.Status.UNKNOWN);
        assertThat(v.entry()).isNull();
        assertThat(v.actual()).isNull();
        assertThat(v.note()).contains("no catalog entry");
    }

    @Test
    void anUnknownNameWithTheSizeOfAnEntryButOtherContentIsUnknown() throws IOException {
        Verdict v = new PackageVerifier(catalog).verify(file("notes.txt", "987654321"));
        assertThat(v.status()).isEqualTo(Verdict.Status.UNKNOWN);
        assertThat(v.note()).contains("same size differ in content");
    }

    @Test
    void severalReleasesUnderOneNameMatchAny() throws IOException {
        PackageCatalog two = PackageCatalog.parse("r.catalog", new StringReader(
                "PKG.EXE 5 00000000 - - - -\nPKG.EXE 9 CBF43926 - - - -\n"));
        Verdict v = new PackageVerifier(two).verify(file("PKG.EXE", "123456789"));
        assertThat(v.status()).isEqualTo(Verdict.Status.MATCH);
        assertThat(v.entry().origin()).isEqualTo("r.catalog:2");
    }
}
