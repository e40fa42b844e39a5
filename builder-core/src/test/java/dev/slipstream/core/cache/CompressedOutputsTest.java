package dev.slipstream.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compressed files kept in the package cache: published whole, found by key, pruned with the packages. */
class CompressedOutputsTest {

    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

    private static String key(int i) {
        return CompressedOutputs.key("format", "sha256:" + i, "x.sys", Instant.EPOCH);
    }

    private Path made(int size) throws IOException {
        return Files.write(Files.createTempFile(dir, "made", ".sy_"), new byte[size]);
    }

    @Test
    void publishedOutputsAreFoundAndLeaveNoTemporary() throws IOException {
        PackageCache cache = PackageCache.open(dir.resolve("cache"));
        CompressedOutputs kept = cache.compressedOutputs();
        assertThat(kept.find(key(1))).isEmpty();
        kept.publish(key(1), made(1000));
        assertThat(kept.find(key(1))).hasValueSatisfying(p -> assertThat(p).hasSize(1000));
        assertThat(kept.list()).extracting(CompressedOutputs.Output::key).containsExactly(key(1));
        try (var s = Files.list(cache.root().resolve("tmp"))) {
            assertThat(s.count()).isZero();
        }
    }

    @Test
    void anEmptyFileIsNotAnOutput() throws IOException {
        CompressedOutputs kept = PackageCache.open(dir.resolve("cache")).compressedOutputs();
        Files.createDirectories(kept.folder());
        Files.createFile(kept.folder().resolve(key(2)));
        assertThat(kept.find(key(2))).isEmpty();
    }

    @Test
    void pruneRemovesOutputsUnusedForLongerThanTheAgeAndFirstWhenOverTheSize() throws IOException {
        PackageCache cache = PackageCache.open(dir.resolve("cache"));
        CompressedOutputs kept = cache.compressedOutputs();
        for (int i = 0; i < 3; i++) {
            kept.publish(key(i), made(1000));
            Files.setLastModifiedTime(kept.folder().resolve(key(i)), FileTime.from(NOW.minus(Duration.ofDays(10 * i))));
        }
        CacheEntries.Pruned byAge = CacheEntries.prune(cache, Duration.ofDays(15), null, NOW);
        assertThat(byAge.compressedRemoved()).isEqualTo(1);
        assertThat(byAge.bytesFreed()).isEqualTo(1000);
        assertThat(kept.list()).extracting(CompressedOutputs.Output::key).containsExactlyInAnyOrder(key(0), key(1));

        CacheEntries.Pruned bySize = CacheEntries.prune(cache, null, 1500L, NOW);
        assertThat(bySize.compressedRemoved()).as("the least recently used goes first").isEqualTo(1);
        assertThat(kept.list()).extracting(CompressedOutputs.Output::key).containsExactly(key(0));

        assertThat(CacheEntries.prune(cache, Duration.ZERO, 0L, NOW.plusSeconds(1)).compressedRemoved()).isEqualTo(1);
        assertThat(kept.list()).isEmpty();
    }
}
