package dev.slipstream.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import dev.slipstream.core.packed.PackedTreeFileSystem;
import dev.slipstream.core.packed.PackedTreeWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageCacheTest {

    @TempDir
    Path dir;

    /** A stand-in for the cabinet extractor: a pack of 20 files derived from the package's bytes, written slowly. */
    static int fakeExtract(Path pkg, Path to) throws IOException {
        byte[] content = Files.readAllBytes(pkg);
        try (PackedTreeWriter w = PackedTreeWriter.create(to)) {
            List<PackedTreeWriter.Slot> slots = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                slots.add(w.declare("file" + i + ".bin", content.length));
            }
            for (PackedTreeWriter.Slot slot : slots) {
                slot.write(content, 0, content.length);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            w.finish();
        }
        return 20;
    }

    static Path packOf(PackageCache.Entry e) {
        return ((PackedTreeFileSystem) e.tree().getFileSystem()).file();
    }

    static void assertCompleteEntry(Path cache, String sha, byte[] expected) throws IOException {
        assertComplete(PackedTreeFileSystem.open(cache.resolve("packages").resolve(sha).resolve(PackageCache.PACK)), expected);
    }

    static void assertComplete(Path tree, byte[] expected) throws IOException {
        try (Stream<Path> s = Files.list(tree)) {
            assertThat(s.count()).isEqualTo(20);
        }
        for (int i = 0; i < 20; i++) {
            assertThat(Files.readAllBytes(tree.resolve("file" + i + ".bin"))).isEqualTo(expected);
        }
    }

    @Test
    void aHitReusesTheEntryAndADifferentPackageGetsItsOwn() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"));
        Path a = Files.writeString(dir.resolve("SP2.exe"), "package A", StandardCharsets.UTF_8);
        Path renamed = Files.writeString(dir.resolve("renamed.exe"), "package A", StandardCharsets.UTF_8);
        Path b = Files.writeString(dir.resolve("KB1.exe"), "package B", StandardCharsets.UTF_8);
        AtomicInteger calls = new AtomicInteger();
        PackageCache.Extractor counting = (p, to) -> {
            calls.incrementAndGet();
            return fakeExtract(p, to);
        };
        PackageCache.Entry first = c.extract(a, counting);
        PackageCache.Entry again = c.extract(renamed, counting);
        PackageCache.Entry other = c.extract(b, counting);
        assertThat(first.hit()).isFalse();
        assertThat(again.hit()).isTrue();
        assertThat(packOf(again)).isEqualTo(packOf(first));
        assertThat(again.members()).isEqualTo(20);
        assertThat(packOf(other)).isNotEqualTo(packOf(first));
        assertThat(calls).hasValue(2);
        assertComplete(first.tree(), "package A".getBytes(StandardCharsets.UTF_8));
        assertThat(first.sha256()).isEqualTo(PackageCache.sha256(a)).hasSize(64);
        // Published files are read-only: nothing writes into the cache by accident.
        assertThat(Files.getPosixFilePermissions(c.packages().resolve(first.sha256()).resolve(PackageCache.PACK)))
                .doesNotContain(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void anEntryOfTheOlderLayoutOrWithADamagedPackIsReplacedNotUsed() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"));
        Path a = Files.writeString(dir.resolve("SP2.exe"), "package A", StandardCharsets.UTF_8);
        String sha = PackageCache.sha256(a);
        // The layout before packed trees: a folder of files, which this version cannot read.
        Path old = Files.createDirectories(c.packages().resolve(sha).resolve("tree"));
        Files.writeString(old.resolve("file0.bin"), "package A");
        PackageCache.Entry e = c.extract(a, PackageCacheTest::fakeExtract);
        assertThat(e.hit()).isFalse();
        assertComplete(e.tree(), "package A".getBytes(StandardCharsets.UTF_8));
        assertThat(c.packages().resolve(sha).resolve("tree")).doesNotExist();
        // A pack cut short (a full disk, a crash of an older version): extracted again.
        Path pack = c.packages().resolve(sha).resolve(PackageCache.PACK);
        pack.toFile().setWritable(true);
        try (var ch = java.nio.channels.FileChannel.open(pack, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        PackageCache.Entry again = c.extract(a, PackageCacheTest::fakeExtract);
        assertThat(again.hit()).isFalse();
        assertComplete(again.tree(), "package A".getBytes(StandardCharsets.UTF_8));
        assertThat(c.extract(a, PackageCacheTest::fakeExtract).hit()).isTrue();
        try (Stream<Path> s = Files.list(c.root().resolve("tmp"))) {
            assertThat(s.count()).isZero();
        }
    }

    @Test
    void aFailedExtractionPublishesNothingAndLeavesNoTemporary() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"));
        Path a = Files.writeString(dir.resolve("SP2.exe"), "corrupt", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> c.extract(a, (p, to) -> {
            Files.writeString(to, "half a pack");
            throw new IOException("CFDATA checksum mismatch");
        })).hasMessageContaining("CFDATA");
        assertThat(CacheEntries.list(c)).isEmpty();
        try (Stream<Path> s = Files.list(c.root().resolve("tmp"))) {
            assertThat(s.count()).isZero();
        }
        // And the next attempt extracts afresh.
        assertThat(c.extract(a, PackageCacheTest::fakeExtract).hit()).isFalse();
    }

    @Test
    void manyThreadsMissingTogetherExtractOnceAndAllSeeTheWholeEntry() throws Exception {
        Path a = Files.writeString(dir.resolve("SP2.exe"), "the service pack", StandardCharsets.UTF_8);
        AtomicInteger calls = new AtomicInteger();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<PackageCache.Entry>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    PackageCache own = PackageCache.open(dir.resolve("cache")); // one instance per "build"
                    start.await();
                    return own.extract(a, (p, to) -> {
                        calls.incrementAndGet();
                        return fakeExtract(p, to);
                    });
                }));
            }
            start.countDown();
            for (Future<PackageCache.Entry> f : results) {
                assertComplete(f.get(60, TimeUnit.SECONDS).tree(), "the service pack".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void twoProcessesMissingTogetherExtractOnceWithoutCorruption() throws Exception {
        Path cache = dir.resolve("cache");
        Path a = Files.writeString(dir.resolve("SP2.exe"), "shared between processes", StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ps.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CacheContender.class.getName(),
                    cache.toString(), a.toString()).redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process p : ps) {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(p.exitValue()).as(out).isZero();
            outputs.add(out);
        }
        // Exactly one of them extracted; the other waited on the lock and found the published entry.
        assertThat(outputs).containsExactlyInAnyOrder("extracted", "hit");
        List<CacheEntries.Entry> entries = CacheEntries.list(PackageCache.open(cache));
        assertThat(entries).hasSize(1);
        assertCompleteEntry(cache, entries.get(0).sha256(), "shared between processes".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pruneByAgeThenBySizeOldestFirst() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"));
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        List<PackageCache.Entry> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = Files.writeString(dir.resolve("p" + i + ".exe"), "package " + i, StandardCharsets.UTF_8);
            PackageCache.Entry e = c.extract(p, PackageCacheTest::fakeExtract);
            // p0 used 40 days ago, p1 10 days ago, p2 1 day ago
            Files.setLastModifiedTime(c.packages().resolve(e.sha256()), FileTime.from(now.minus(Duration.ofDays(new int[] {40, 10, 1}[i]))));
            made.add(e);
        }
        CacheEntries.Pruned aged = CacheEntries.prune(c, Duration.ofDays(30), null, now);
        assertThat(aged.removed()).extracting(CacheEntries.Entry::sha256).containsExactly(made.get(0).sha256());
        long one = CacheEntries.list(c).get(0).bytes();
        CacheEntries.Pruned sized = CacheEntries.prune(c, null, one, now);
        assertThat(sized.removed()).extracting(CacheEntries.Entry::sha256).containsExactly(made.get(1).sha256());
        assertThat(CacheEntries.list(c)).extracting(CacheEntries.Entry::sha256).containsExactly(made.get(2).sha256());
        assertThat(c.packages().resolve(made.get(1).sha256())).doesNotExist();
    }

    @Test
    void pruneLeavesAnEntryABuildInThisProcessHolds() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"));
        Path a = Files.writeString(dir.resolve("SP2.exe"), "in use", StandardCharsets.UTF_8);
        PackageCache.Held held = c.hold(a, PackageCache.sha256(a), PackageCacheTest::fakeExtract);
        PackageCache.Held again = c.hold(a, PackageCache.sha256(a), PackageCacheTest::fakeExtract); // a second build, same JVM
        Instant later = Instant.now().plus(Duration.ofDays(365));
        assertThat(CacheEntries.prune(c, Duration.ZERO, 0L, later).removed()).isEmpty();
        held.close();
        assertThat(CacheEntries.prune(c, Duration.ZERO, 0L, later).removed()).isEmpty(); // the second still holds it
        assertComplete(again.entry().tree(), "in use".getBytes(StandardCharsets.UTF_8));
        again.close();
        assertThat(CacheEntries.prune(c, Duration.ZERO, 0L, later).removed()).hasSize(1);
        assertThat(c.packages().resolve(again.entry().sha256())).doesNotExist();
    }

    @Test
    void pruneLeavesAnEntryABuildInAnotherProcessHolds() throws Exception {
        Path cache = dir.resolve("cache");
        Path a = Files.writeString(dir.resolve("SP2.exe"), "held by another process", StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CacheHolder.class.getName(),
                cache.toString(), a.toString()).redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertThat(line).startsWith("held ");
            PackageCache c = PackageCache.open(cache);
            Instant later = Instant.now().plus(Duration.ofDays(365));
            assertThat(CacheEntries.prune(c, Duration.ZERO, 0L, later).removed()).isEmpty();
            assertCompleteEntry(cache, line.substring(5), "held by another process".getBytes(StandardCharsets.UTF_8));
            holder.getOutputStream().close(); // the build ends
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(holder.exitValue()).isZero();
            assertThat(CacheEntries.prune(c, Duration.ZERO, 0L, later).removed()).hasSize(1);
        } finally {
            holder.destroyForcibly();
        }
    }
}
