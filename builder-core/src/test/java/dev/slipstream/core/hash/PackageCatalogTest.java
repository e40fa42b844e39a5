package dev.slipstream.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCatalogTest {

    private static final String SHA256 = "569BC93961BEDB5645A4C2C3D00BC81819B87E3754272462C4B6AFB56F58CB08";

    @TempDir
    Path dir;

    private static PackageCatalog parse(String text) throws IOException {
        return PackageCatalog.parse("test.catalog", new StringReader(text));
    }

    @Test
    void theBuiltInCatalogHoldsTheFiguresTheSp2ReleaseNotesPublish() throws IOException {
        // The figures are read from the format notes (§8) here, not copied, so a typo in our
        // resource cannot hide.
        String notes = Files.readString(SharedCorpus.shared().resolve("docs/format-notes.md"), StandardCharsets.UTF_8);
        String section = notes.substring(notes.indexOf("Checksums published for one package"));
        CatalogEntry e = PackageCatalog.builtIn().byName("WindowsServer2003-KB914961-SP2-x86-CHS.exe").get(0);
        assertThat(section).contains("Name `" + e.name() + "`");
        Matcher size = Pattern.compile("size (\\d+) bytes").matcher(section);
        assertThat(size.find()).isTrue();
        assertThat(e.size()).isEqualTo(Long.parseLong(size.group(1)));
        for (HashAlgorithm a : HashAlgorithm.values()) {
            Matcher m = Pattern.compile(Pattern.quote(a.displayName()) + " `([0-9A-Fa-f]+)`").matcher(section);
            assertThat(m.find()).as(a.displayName()).isTrue();
            assertThat(e.hashes().get(a)).as(a.displayName()).isEqualTo(m.group(1).toUpperCase(Locale.ROOT));
        }
        assertThat(e.origin()).startsWith("built-in catalog:");
    }

    @Test
    void readsLinesCommentsDashesAndAnyHexCase() throws IOException {
        PackageCatalog c = parse("""
                # a comment

                \tWINDOWSSERVER2003-KB914961-SP2-X86-CHS.EXE   377180528 - - %s - -
                IE7-WindowsServer2003-x86-enu.exe 12 cbf43926 - - - -
                """.formatted(SHA256.toLowerCase(Locale.ROOT)));
        assertThat(c.entries()).hasSize(2);
        CatalogEntry sp2 = c.entries().get(0);
        assertThat(sp2.hashes()).containsOnlyKeys(HashAlgorithm.SHA256);
        assertThat(sp2.hashes().get(HashAlgorithm.SHA256)).isEqualTo(SHA256);
        assertThat(sp2.origin()).isEqualTo("test.catalog:3");
        assertThat(c.byName("ie7-windowsserver2003-X86-ENU.EXE")).hasSize(1);
        assertThat(c.bySize(377180528)).containsExactly(sp2);
        assertThat(c.entries().get(1).toLine()).isEqualTo("IE7-WindowsServer2003-x86-enu.exe 12 CBF43926 - - - -");
    }

    @Test
    void malformedLinesAreReportedWithFileLineAndWhatIsWrong() {
        List<String[]> cases = List.of(
                new String[] {"a.exe 12 CBF43926", "test.catalog:2: expected 7 fields, found 3"},
                new String[] {"a.exe twelve CBF43926 - - - -", "test.catalog:2: size 'twelve' of a.exe is not a decimal number"},
                new String[] {"a.exe -1 CBF43926 - - - -", "test.catalog:2: size -1 of a.exe is negative"},
                new String[] {"a.exe 12 CBF4392 - - - -", "test.catalog:2: CRC32 of a.exe must be 8 hex digits or '-', found 'CBF4392'"},
                new String[] {"a.exe 12 - - - - XYZ", "test.catalog:2: BLAKE2sp of a.exe must be 64 hex digits"},
                new String[] {"a.exe 12 - - - - -", "test.catalog:2: a.exe has no hash at all"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> parse("# header\n" + c[0] + "\n"))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(c[1])
                    .hasMessageContaining("NAME SIZE CRC32 CRC64 SHA256 SHA1 BLAKE2sp");
        }
    }

    @Test
    void aCatalogFileThatIsNotTextIsRejectedClearly() throws IOException {
        Path bin = Files.write(dir.resolve("oops.iso"), new byte[] {(byte) 0xC3, 0x28, 'x'});
        assertThatThrownBy(() -> PackageCatalog.load(bin))
                .isInstanceOf(BadInputException.class).hasMessageContaining("oops.iso").hasMessageContaining("UTF-8");
    }
}
