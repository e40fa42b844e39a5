package dev.slipstream.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.engine.StagedFile.Origin;
import dev.slipstream.core.engine.StagedTree.Change.Kind;
import dev.slipstream.core.iso.ContentSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StagedTreeTest {

    static StagedFile base(String path, String content) {
        return new StagedFile(MediaPath.of(path), ContentSource.ofBytes(content.getBytes(StandardCharsets.US_ASCII), path), Origin.BASE);
    }

    StagedTree tree = StagedTree.over(List.of(base("I386/NTDLL.DL_", "old"), base("I386/TXTSETUP.SIF", "sif"), base("WIN51IS", "")));

    @Test
    void pathsCompareAsSetupSeesThem() {
        assertThat(MediaPath.of("\\i386\\ntdll.dl_")).isEqualTo(MediaPath.of("I386/NTDLL.DL_"));
        assertThat(MediaPath.of("i386/ntdll.dl_").fileName()).isEqualTo("ntdll.dl_");
        assertThat(MediaPath.of("I386/SVCPACK/KB1.CAT").isIn("i386\\svcpack")).isTrue();
        assertThatThrownBy(() -> MediaPath.of("I386/../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaPath.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replacingKeepsTheBaseSpellingAndTheBaseItself() throws Exception {
        tree.put(MediaPath.of("i386/ntdll.dl_"), ContentSource.ofBytes(new byte[] {1, 2, 3, 4}, "new"), Origin.PACKAGE);
        StagedFile f = tree.get(MediaPath.of("I386/NTDLL.DL_")).orElseThrow();
        assertThat(f.path().path()).isEqualTo("I386/NTDLL.DL_");
        assertThat(f.origin()).isEqualTo(Origin.PACKAGE);
        assertThat(f.source().size()).isEqualTo(4);
        assertThat(tree.baseFile(MediaPath.of("i386/ntdll.dl_")).orElseThrow().source().size()).isEqualTo(3);
        assertThat(tree.changes()).singleElement().satisfies(c -> assertThat(c.kind()).isEqualTo(Kind.REPLACE));
    }

    @Test
    void addsAndRemovalsShowInFilesAndChanges() throws Exception {
        tree.put(MediaPath.of("I386/SVCPACK/KB925902.CAT"), ContentSource.ofBytes(new byte[10], "cat"), Origin.PACKAGE);
        tree.remove(MediaPath.of("i386/ntdll.dl_"));
        tree.put(MediaPath.of("I386/NTDLL.DLL"), ContentSource.ofBytes(new byte[7], "plain"), Origin.BUILD);
        assertThat(tree.files()).extracting(f -> f.path().path())
                .containsExactly("I386/NTDLL.DLL", "I386/SVCPACK/KB925902.CAT", "I386/TXTSETUP.SIF", "WIN51IS");
        assertThat(tree.changes()).extracting(c -> c.kind() + " " + c.path())
                .containsExactly("ADD I386/NTDLL.DLL", "REMOVE I386/NTDLL.DL_", "ADD I386/SVCPACK/KB925902.CAT");
        assertThat(tree.exists(MediaPath.of("I386/NTDLL.DL_"))).isFalse();
        assertThat(tree.filesIn("i386")).hasSize(2);
        assertThat(tree.totalBytes()).isEqualTo(7 + 10 + 3);
    }

    @Test
    void listingsAskedBeforeAChangeDoNotHideIt() {
        assertThat(tree.filesIn("I386")).extracting(f -> f.path().path()).containsExactly("I386/NTDLL.DL_", "I386/TXTSETUP.SIF");
        assertThat(tree.filesIn("")).extracting(f -> f.path().path()).containsExactly("WIN51IS");
        assertThat(tree.files()).hasSize(3);

        tree.put(MediaPath.of("i386/svcpack.inf"), ContentSource.ofBytes(new byte[1], "svcpack"), Origin.BUILD);
        tree.remove(MediaPath.of("I386/NTDLL.DL_"));
        tree.put(MediaPath.of("win51is.sp2"), ContentSource.ofBytes(new byte[0], "tag"), Origin.BUILD);

        assertThat(tree.filesIn("i386\\")).isEmpty();
        assertThat(tree.filesIn("i386")).extracting(f -> f.path().path()).containsExactly("i386/svcpack.inf", "I386/TXTSETUP.SIF");
        assertThat(tree.filesIn("")).extracting(f -> f.path().path()).containsExactly("WIN51IS", "win51is.sp2");
        assertThat(tree.filesIn("I386/SVCPACK")).isEmpty();
        assertThat(tree.files()).extracting(f -> f.path().path())
                .containsExactly("i386/svcpack.inf", "I386/TXTSETUP.SIF", "WIN51IS", "win51is.sp2");
    }

    @Test
    void baseMediaWithTwoFilesSetupCannotTellApartAreRefused() {
        assertThatThrownBy(() -> StagedTree.over(List.of(base("I386/A.DLL", "a"), base("i386/a.dll", "b"))))
                .hasMessageContaining("cannot tell apart");
    }
}
