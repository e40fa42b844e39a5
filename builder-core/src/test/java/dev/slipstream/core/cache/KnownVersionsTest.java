package dev.slipstream.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.pe.FileVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions of compressed setup files, remembered by the compressed file's identity. */
class KnownVersionsTest {

    @TempDir
    Path dir;

    /** A clock a minute ahead: files written by the test count as settled. */
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

    @Test
    void aVersionOrItsAbsenceIsRememberedUnderTheFilesKey() throws IOException {
        KnownVersions v = PackageCache.open(dir.resolve("cache"), LATER).knownVersions();
        Path f = Files.writeString(dir.resolve("SHELL32.DL_"), "compressed bytes", StandardCharsets.US_ASCII);
        String key = v.keyOf(f, 0, Files.size(f)).orElseThrow();
        assertThat(v.lookup(key)).isEmpty();
        v.remember(key, Optional.of(FileVersion.parse("6.0.3790.3959")));
        assertThat(v.lookup(key)).hasValue(new KnownVersions.Known(Optional.of(FileVersion.parse("6.0.3790.3959"))));
        String other = v.keyOf(f, 100, 50).orElseThrow();
        assertThat(other).as("another region of the file").isNotEqualTo(key);
        v.remember(other, Optional.empty());
        assertThat(v.lookup(other)).hasValue(new KnownVersions.Known(Optional.empty()));
    }

    @Test
    void aRewrittenFileHasAnotherKeyEvenWithItsSizeAndTimeKept() throws Exception {
        KnownVersions v = PackageCache.open(dir.resolve("cache"), LATER).knownVersions();
        Path f = Files.writeString(dir.resolve("WIN32K.SY_"), "version A", StandardCharsets.US_ASCII);
        String before = v.keyOf(f, 0, -1).orElseThrow();
        FileTime mtime = Files.getLastModifiedTime(f);
        Thread.sleep(20);
        Files.writeString(f, "version B", StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(f, mtime);
        assertThat(v.keyOf(f, 0, -1)).isPresent().get().isNotEqualTo(before);
    }

    @Test
    void aFileChangedMomentsAgoIsNotNamed() throws IOException {
        KnownVersions v = PackageCache.open(dir.resolve("cache")).knownVersions();
        Path f = Files.writeString(dir.resolve("NEW.DL_"), "just written", StandardCharsets.US_ASCII);
        assertThat(v.keyOf(f, 0, -1)).as("within the clock tick of its last change").isEmpty();
    }

    @Test
    void aDamagedLineIsReadAgainNotTrusted() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"), LATER);
        KnownVersions v = c.knownVersions();
        Path f = Files.writeString(dir.resolve("X.DL_"), "x", StandardCharsets.US_ASCII);
        String key = v.keyOf(f, 0, -1).orElseThrow();
        Files.createDirectories(c.root().resolve("versions"));
        Files.writeString(c.root().resolve("versions").resolve(key), "5.2.x\n", StandardCharsets.US_ASCII);
        assertThat(v.lookup(key)).isEmpty();
    }

    @Test
    void pruneForgetsVersionsByAgeAndAllWithAll() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"), LATER);
        KnownVersions v = c.knownVersions();
        Path f = Files.writeString(dir.resolve("Y.DL_"), "y", StandardCharsets.US_ASCII);
        String old = v.keyOf(f, 0, 1).orElseThrow();
        String recent = v.keyOf(f, 0, -1).orElseThrow();
        v.remember(old, Optional.empty());
        v.remember(recent, Optional.empty());
        Instant now = Instant.now();
        Files.setLastModifiedTime(c.root().resolve("versions").resolve(old), FileTime.from(now.minus(Duration.ofDays(40))));
        CacheEntries.prune(c, Duration.ofDays(30), null, now);
        assertThat(v.lookup(old)).isEmpty();
        assertThat(v.lookup(recent)).isPresent();
        CacheEntries.prune(c, Duration.ZERO, 0L, now);
        assertThat(v.lookup(recent)).isEmpty();
    }
}
