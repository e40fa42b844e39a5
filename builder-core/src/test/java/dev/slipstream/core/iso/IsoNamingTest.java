package dev.slipstream.core.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoNamingTest {

    static List<String> iso(IsoNameLevel level, String... names) {
        return IsoNaming.isoNames(List.of(names), Collections.nCopies(names.length, false), level);
    }

    @Test
    void level1GivesEightDotThreeAndResolvesCollisionsByNumber() {
        assertThat(iso(IsoNameLevel.LEVEL1, "setupldr.bin", "verylongname1.text", "verylongname2.text", "ntdetect.com"))
                .containsExactly("SETUPLDR.BIN", "VERYLONG.TEX", "VERYLON1.TEX", "NTDETECT.COM");
    }

    @Test
    void level2KeepsThirtyOneCharactersWithTheExtension() {
        List<String> n = iso(IsoNameLevel.LEVEL2, "a_very_long_file_name_that_exceeds_iso9660_limits.txt", "résumé.txt",
                "file with spaces;1.txt", ".hidden", "archive.tar.gz", "中文.inf");
        assertThat(n).containsExactly("A_VERY_LONG_FILE_NAME_THAT_.TXT", "RESUME.TXT", "FILE_WITH_SPACES_1.TXT", "_HIDDEN",
                "ARCHIVE_TAR.GZ", "__.INF");
        assertThat(n.get(0)).hasSize(31);
    }

    @Test
    void directoriesHaveNoDot() {
        assertThat(IsoNaming.isoNames(List.of("v1.2", "I386"), List.of(true, true), IsoNameLevel.LEVEL2))
                .containsExactly("V1_2", "I386");
    }

    @Test
    void aNumberedNameNeverTakesARealOne() {
        // "foo" and "FOO" both want FOO; the second must not take FOO1, which "foo1" owns.
        assertThat(iso(IsoNameLevel.LEVEL2, "foo", "FOO", "foo1")).containsExactly("FOO2", "FOO", "FOO1");
    }

    @Test
    void relaxedNamesKeepPunctuationButNotSeparators() {
        assertThat(iso(IsoNameLevel.RELAXED, "a-b+c (1).txt", "x;y*z.dat")).containsExactly("A-B+C_(1).TXT", "X_Y_Z.DAT");
    }

    @Test
    void jolietCutsLongNamesKeepingTheExtensionAndCollidesIgnoringCase() {
        String longName = "x".repeat(70) + ".txt";
        List<String> j = IsoNaming.jolietNames(List.of(longName, "Readme.TXT", "README.txt", "a:b?.txt"),
                List.of(false, false, false, false), 64);
        assertThat(j.get(0)).hasSize(64).endsWith(".txt");
        assertThat(j.get(1)).isEqualTo("Readme1.TXT");
        assertThat(j.get(2)).isEqualTo("README.txt");
        assertThat(j.get(3)).isEqualTo("a_b_.txt");
    }

    @Test
    void jolietNeverSplitsASurrogatePair() {
        String name = "y".repeat(63) + "\uD83D\uDE00" + "tail";
        String j = IsoNaming.jolietNames(List.of(name), List.of(true), 64).get(0);
        assertThat(j).isEqualTo("y".repeat(63));
    }

    @Test
    void manyRandomSiblingsGetValidUniqueNamesInEveryLevel() {
        Random rnd = new Random(5);
        String alphabet = "abcABC.-_ é中;:*?1";
        List<String> names = new ArrayList<>();
        HashSet<String> seen = new HashSet<>();
        while (names.size() < 3000) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + rnd.nextInt(rnd.nextInt(5) == 0 ? 90 : 12);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            if (!s.equals(".") && !s.equals("..") && seen.add(s)) {
                names.add(s);
            }
        }
        List<Boolean> dirs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            dirs.add(rnd.nextInt(4) == 0);
        }
        for (IsoNameLevel level : IsoNameLevel.values()) {
            List<String> n = IsoNaming.isoNames(names, dirs, level);
            assertThat(new HashSet<>(n)).as(level.name()).hasSize(names.size());
            for (int i = 0; i < n.size(); i++) {
                String s = n.get(i);
                if (dirs.get(i)) {
                    assertThat(s).doesNotContain(".").hasSizeLessThanOrEqualTo(level.maxDir);
                } else if (level == IsoNameLevel.LEVEL1) {
                    assertThat(s).matches("[A-Z0-9_]{1,8}(\\.[A-Z0-9_]{1,3})?");
                } else {
                    assertThat(s).hasSizeLessThanOrEqualTo(31).doesNotContain(";", "/", "\\", "*", "?", ":")
                            .matches("[^.]+(\\.[^.]+)?");
                }
                if (level != IsoNameLevel.RELAXED) {
                    assertThat(s).matches("[A-Z0-9_.]+");
                }
            }
            assertThat(IsoNaming.isoNames(names, dirs, level)).as("same input, same names").isEqualTo(n);
        }
        List<String> j = IsoNaming.jolietNames(names, dirs, 64);
        assertThat(j.stream().map(s -> s.toUpperCase(Locale.ROOT)).distinct().count()).isEqualTo(names.size());
        assertThat(j).allMatch(s -> s.length() <= 64 && s.chars().noneMatch(c -> "*/:;?\\".indexOf(c) >= 0));
    }
}
