package dev.slipstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {

    @TempDir
    Path dir;

    @Test
    void committedOutputReplacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.iso");
        Files.writeString(target, "old");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.stream().write("new".getBytes(StandardCharsets.US_ASCII));
            out.commit();
        }
        assertThat(target).hasContent("new");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void failureBeforeCommitKeepsTheOldTargetAndRemovesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("out.iso");
        Files.writeString(target, "old");
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.stream().write("half".getBytes(StandardCharsets.US_ASCII));
            // no commit: as if the build failed here
        }
        assertThat(target).hasContent("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void theResultGetsTheUsualPermissionsNotThoseOfAPrivateTemporaryFile() throws IOException {
        Path target = dir.resolve("out.iso");
        Path reference = Files.createFile(dir.resolve("made-normally"));
        try (AtomicOutput out = AtomicOutput.create(target)) {
            out.commit();
        }
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(reference));
    }

    @Test
    void staleTemporaryFilesOfAKilledRunAreCleaned() throws IOException {
        Files.writeString(dir.resolve(".out.iso" + AtomicOutput.TEMP_MARKER + "123"), "junk");
        Files.writeString(dir.resolve("keep.txt"), "keep");
        assertThat(AtomicOutput.cleanStale(dir)).isEqualTo(1);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("keep.txt"));
        }
    }
}
