package dev.slipstream.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.engine.StagedFile.Origin;
import dev.slipstream.core.iso.ContentSource;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeMaterializerTest {

    @TempDir
    Path dir;

    StagedTree tree() throws IOException {
        Path baseFile = dir.resolve("base-ntdll");
        Files.writeString(baseFile, "base bytes");
        StagedTree t = StagedTree.over(List.of(new StagedFile(MediaPath.of("I386/NTDLL.DLL"), ContentSource.ofFile(baseFile), Origin.BASE)));
        t.put(MediaPath.of("I386/TXTSETUP.SIF"), ContentSource.ofBytes("[SetupData]\r\n".getBytes(), "sif"), Origin.BUILD);
        return t;
    }

    @Test
    void writesEveryFileAndHardLinksWholeFiles() throws Exception {
        Path out = dir.resolve("out");
        int linked = new TreeMaterializer(true).materialize(tree(), out, StepReporter.silent("t"));
        assertThat(linked).isEqualTo(1);
        assertThat(Files.readString(out.resolve("I386/NTDLL.DLL"))).isEqualTo("base bytes");
        assertThat(Files.readString(out.resolve("I386/TXTSETUP.SIF"))).isEqualTo("[SetupData]\r\n");
        assertThat(Files.isSameFile(out.resolve("I386/NTDLL.DLL"), dir.resolve("base-ntdll"))).isTrue();
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("base-ntdll", "out");
        }
    }

    @Test
    void copiesWhenLinksAreOff() throws Exception {
        Path out = dir.resolve("out");
        assertThat(new TreeMaterializer(false).materialize(tree(), out, StepReporter.silent("t"))).isZero();
        assertThat(Files.isSameFile(out.resolve("I386/NTDLL.DLL"), dir.resolve("base-ntdll"))).isFalse();
    }

    @Test
    void aFailureMidwayLeavesNothingBehind() throws Exception {
        StagedTree t = tree();
        t.put(MediaPath.of("I386/ZZZ.DLL"), new ContentSource() {
            @Override
            public long size() {
                return 100;
            }

            @Override
            public ReadableByteChannel open() throws IOException {
                throw new IOException("injected read failure");
            }

            @Override
            public String describe() {
                return "failing";
            }
        }, Origin.BUILD);
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> new TreeMaterializer(true).materialize(t, out, StepReporter.silent("t")))
                .hasMessageContaining("injected");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("base-ntdll");
        }
    }

    @Test
    void refusesANonEmptyTarget() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> new TreeMaterializer(true).materialize(tree(), out, StepReporter.silent("t")))
                .hasMessageContaining("not empty");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
    }
}
