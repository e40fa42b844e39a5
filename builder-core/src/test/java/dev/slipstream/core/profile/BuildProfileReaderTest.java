package dev.slipstream.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.engine.BuildOptions;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.pkg.Branch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildProfileReaderTest {

    @TempDir
    Path dir;

    private Path profile(String text) throws IOException {
        Path sub = Files.createDirectories(dir.resolve("profiles"));
        Path p = sub.resolve("image.ini");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsEverySectionAndResolvesPathsAgainstTheProfilesFolder() throws IOException {
        Path p = profile("""
                ; a full profile
                [media]
                base = ..\\media\\x86-std-ENU.iso

                [packages]
                sp2 = ../packages/WindowsServer2003-KB914961-SP2-x86-ENU.exe
                ie7 = "../packages/IE7 folder/IE7-WindowsServer2003-x86-ENU.exe"
                ie7-switches = /quiet /norestart
                catalog = ../packages.catalog

                [hotfixes]
                ../packages/WindowsServer2003-KB925902-x86-ENU.exe
                ../more-hotfixes   ; a folder

                [options]
                branch = GDR
                hotfix-mode = svcpack
                allow-regressions = yes
                force = no
                threads = 3
                hardlinks = off

                [volume]
                id = W2K3SP2_STD
                set = "Server, 2003"
                publisher = ACME
                preparer = factory
                application = slipstream
                boot-image = ../boot.img

                [output]
                iso = ../out/std.iso
                tree = ../out/std
                depfile = ../out/std.d
                report = ../out/std.json
                scan-log-dir = ../logs
                work-dir = ../tmp
                cache = ../cache
                """);
        BuildProfile b = BuildProfileReader.read(p);
        Path root = dir.toAbsolutePath().normalize();
        assertThat(b.base()).contains(root.resolve("media/x86-std-ENU.iso"));
        assertThat(b.servicePack()).contains(root.resolve("packages/WindowsServer2003-KB914961-SP2-x86-ENU.exe"));
        assertThat(b.ie7()).contains(root.resolve("packages/IE7 folder/IE7-WindowsServer2003-x86-ENU.exe"));
        assertThat(b.ie7Switches()).contains("/quiet /norestart");
        assertThat(b.hotfixes()).containsExactly(root.resolve("packages/WindowsServer2003-KB925902-x86-ENU.exe"),
                root.resolve("more-hotfixes"));
        assertThat(b.branch()).contains(Branch.Policy.GDR);
        assertThat(b.hotfixMode()).contains(BuildOptions.HotfixMode.SVCPACK);
        assertThat(b.allowRegressions()).contains(true);
        assertThat(b.force()).contains(false);
        assertThat(b.threads()).contains(3);
        assertThat(b.hardLinks()).contains(false);
        assertThat(b.volume()).containsEntry("volume", "W2K3SP2_STD").containsEntry("volumeset", "Server, 2003")
                .containsEntry("publisher", "ACME").containsEntry("preparer", "factory").containsEntry("application", "slipstream");
        assertThat(b.bootImage()).contains(root.resolve("boot.img"));
        assertThat(b.outIso()).contains(root.resolve("out/std.iso"));
        assertThat(b.outTree()).contains(root.resolve("out/std"));
        assertThat(b.depfile()).contains(root.resolve("out/std.d"));
        assertThat(b.report()).contains(root.resolve("out/std.json"));
        assertThat(b.scanLogDir()).contains(root.resolve("logs"));
        assertThat(b.workDir()).contains(root.resolve("tmp"));
        assertThat(b.cache()).contains(root.resolve("cache"));

        BuildOptions o = b.toOptions();
        assertThat(o.base()).isEqualTo(root.resolve("media/x86-std-ENU.iso"));
        assertThat(o.hotfixes()).hasSize(2);
        assertThat(o.threads()).isEqualTo(3);
        assertThat(o.hardLinks()).isFalse();
        assertThat(o.volumeOverrides()).containsEntry("volume", "W2K3SP2_STD");
    }

    @Test
    void anAbsentSettingStaysUnsetSoTheEngineDefaultApplies() throws IOException {
        BuildProfile b = BuildProfileReader.read(profile("[media]\nbase = cd\n"));
        assertThat(b.servicePack()).isEmpty();
        assertThat(b.branch()).isEmpty();
        assertThat(b.hotfixesGiven()).isFalse();
        BuildOptions o = b.toOptions();
        assertThat(o.branchPolicy()).isEqualTo(Branch.Policy.QFE);
        assertThat(o.ie7Switches()).isEqualTo(BuildOptions.DEFAULT_IE7_SWITCHES);
        assertThat(o.hardLinks()).isTrue();
    }

    @Test
    void keysAndSectionsAreCaseInsensitiveLikeSetupsOwn() throws IOException {
        BuildProfile b = BuildProfileReader.read(profile("[Options]\nAllow-Regressions = Yes\n"));
        assertThat(b.allowRegressions()).contains(true);
    }

    private void assertRejected(String text, int line, String... fragments) throws IOException {
        Path p = profile(text);
        assertThatThrownBy(() -> BuildProfileReader.read(p))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.source()).isEqualTo(p.toString());
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).contains(p.toString()).contains(fragments);
                });
    }

    @Test
    void aMisspelledKeyIsAnErrorWithItsLineAndASuggestion() throws IOException {
        assertRejected("[media]\nbase = cd\n\n[options]\nallow-regresions = yes\n", 5,
                "unknown key 'allow-regresions' in [options]", "did you mean 'allow-regressions'");
    }

    @Test
    void anUnknownSectionIsAnError() throws IOException {
        assertRejected("[media]\nbase = cd\n[hotfix]\nKB1.exe\n", 3, "unknown section [hotfix]", "[hotfixes]");
    }

    @Test
    void aKeyInTheWrongSectionIsAnError() throws IOException {
        assertRejected("[media]\nsp2 = SP2.exe\n", 2, "unknown key 'sp2' in [media]", "the keys of [media] are base");
    }

    @Test
    void aKeyGivenTwiceIsAnErrorRatherThanLastOneWins() throws IOException {
        assertRejected("[media]\nbase = a\nBASE = b\n", 3, "set twice");
    }

    @Test
    void aSectionGivenTwiceIsAnError() throws IOException {
        assertRejected("[media]\nbase = a\n[options]\nforce = no\n[media]\n", 5, "appears twice");
    }

    @Test
    void aSettingBeforeAnySectionIsAnError() throws IOException {
        assertRejected("; comment\nbase = cd\n[media]\n", 2, "outside any section");
    }

    @Test
    void aLineWithoutEqualsOutsideHotfixesIsAnError() throws IOException {
        assertRejected("[options]\nforce\n", 2, "without '='");
    }

    @Test
    void aKeyInHotfixesIsAnError() throws IOException {
        assertRejected("[hotfixes]\nfile = KB925902.exe\n", 2, "one package file or folder per line");
    }

    @Test
    void badValuesAreErrorsWithTheirLine() throws IOException {
        assertRejected("[options]\nbranch = rtm\n", 2, "branch must be qfe or gdr");
        assertRejected("[options]\nhotfix-mode = slipstream\n", 2, "integrate or svcpack");
        assertRejected("[options]\n\nforce = maybe\n", 3, "must be yes or no");
        assertRejected("[options]\nthreads = 0\n", 2, "threads must be a whole number");
        assertRejected("[options]\nthreads = many\n", 2, "threads must be a whole number");
        assertRejected("[media]\nbase =\n", 2, "has no value");
    }

    @Test
    void anOpenQuoteIsAnErrorNotAGuess() throws IOException {
        Path p = profile("[media]\nbase = \"cd\n");
        assertThatThrownBy(() -> BuildProfileReader.read(p)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("image.ini:2:");
    }

    @Test
    void aMissingProfileSaysSo() {
        assertThatThrownBy(() -> BuildProfileReader.read(dir.resolve("nope.ini"))).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("nope.ini");
    }

    @Test
    void theEditDistanceUnderlyingSuggestions() {
        assertThat(BuildProfileReader.distance("depfle", "depfile")).isEqualTo(1);
        assertThat(BuildProfileReader.distance("iso", "tree")).isEqualTo(4);
    }
}
