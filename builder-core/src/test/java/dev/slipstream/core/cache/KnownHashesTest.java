package dev.slipstream.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's remembered package hashes, and extraction that does not wait for a package's hash. */
class KnownHashesTest {

    @TempDir
    Path dir;

    /** A clock a minute ahead: files written by the test count as settled. */
    private static final Clock LATER = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1));

    /** A hash being computed elsewhere: records whether anybody asked for it, and when. */
    private static final class Pending implements PackageCache.PendingSha256 {
        final Path file;
        final List<String> events;
        boolean done;

        Pending(Path file, List<String> events) {
            this.file = file;
            this.events = events;
        }

        @Override
        public boolean isDone() {
            return done;
        }

        @Override
        public String get() throws IOException {
            events.add("hashed");
            return PackageCache.sha256(file);
        }
    }

    private static PackageCache.Extractor recording(List<String> events) {
        return (p, to) -> {
            events.add("extracted");
            return PackageCacheTest.fakeExtract(p, to);
        };
    }

    @Test
    void aFirstBuildExtractsBeforeItWaitsForTheHashAndPublishesUnderTheHash() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"), LATER);
        Path sp2 = Files.writeString(dir.resolve("SP2.exe"), "package A", StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        try (PackageCache.Held h = c.hold(sp2, new Pending(sp2, events), recording(events))) {
            assertThat(events).containsExactly("extracted", "hashed");
            assertThat(h.entry().hit()).isFalse();
            assertThat(h.entry().sha256()).isEqualTo(PackageCache.sha256(sp2));
            PackageCacheTest.assertCompleteEntry(c.root(), PackageCache.sha256(sp2), "package A".getBytes(StandardCharsets.UTF_8));
        }
        try (Stream<Path> s = Files.list(c.root().resolve("tmp"))) {
            assertThat(s.count()).as("no temporary left").isZero();
        }
    }

    @Test
    void anUnchangedPackageIsFoundWithoutBeingHashedAgain() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"), LATER);
        Path sp2 = Files.writeString(dir.resolve("SP2.exe"), "package A", StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        c.hold(sp2, new Pending(sp2, events), recording(events)).close();
        events.clear();
        assertThat(c.knownSha256(sp2)).contains(PackageCache.sha256(sp2));
        try (PackageCache.Held h = c.hold(sp2, new Pending(sp2, events), recording(events))) {
            assertThat(h.entry().hit()).isTrue();
            assertThat(events).as("neither extracted nor hashed").isEmpty();
        }
    }

    @Test
    void aChangedPackageOfTheSameSizeIsHashedAgainAndGetsItsOwnEntry() throws Exception {
        PackageCache c = PackageCache.open(dir.resolve("cache"), LATER);
        Path sp2 = Files.writeString(dir.resolve("SP2.exe"), "package A", StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        c.hold(sp2, new Pending(sp2, events), recording(events)).close();
        String first = PackageCache.sha256(sp2);
        // Same size, same modification time set back: only the change time (and the bytes) tell.
        var mtime = Files.getLastModifiedTime(sp2);
        Thread.sleep(20);
        Files.writeString(sp2, "package B", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(sp2, mtime);
        assertThat(c.knownSha256(sp2)).isEmpty();
        events.clear();
        try (PackageCache.Held h = c.hold(sp2, new Pending(sp2, events), recording(events))) {
            assertThat(events).containsExactly("extracted", "hashed");
            assertThat(h.entry().sha256()).isNotEqualTo(first).isEqualTo(PackageCache.sha256(sp2));
            PackageCacheTest.assertComplete(h.entry().tree(), "package B".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFileChangedMomentsAgoIsNotRemembered() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"), Clock.systemUTC());
        Path sp2 = Files.writeString(dir.resolve("SP2.exe"), "package A", StandardCharsets.UTF_8);
        List<String> events = new ArrayList<>();
        c.hold(sp2, new Pending(sp2, events), recording(events)).close();
        assertThat(c.knownSha256(sp2)).as("within the clock tick of its last change").isEmpty();
        events.clear();
        // Not known, so extracted again while it is hashed; then the entry already published is
        // the one used, and the second extraction is thrown away.
        try (PackageCache.Held h = c.hold(sp2, new Pending(sp2, events), recording(events))) {
            assertThat(h.entry().hit()).isTrue();
            assertThat(events).containsExactly("extracted", "hashed");
        }
        try (Stream<Path> s = Files.list(c.root().resolve("tmp"))) {
            assertThat(s.count()).isZero();
        }
    }

    @Test
    void aCopyUnderAnotherNameFindsTheEntryTheOriginalPublished() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"), LATER);
        Path sp2 = Files.writeString(dir.resolve("SP2.exe"), "package A", StandardCharsets.UTF_8);
        Path copy = Files.copy(sp2, dir.resolve("copy.exe"));
        List<String> events = new ArrayList<>();
        c.hold(sp2, new Pending(sp2, events), recording(events)).close();
        events.clear();
        Pending done = new Pending(copy, events);
        done.done = true; // its hash is already known, as after the build's hash-ahead
        try (PackageCache.Held h = c.hold(copy, done, recording(events))) {
            assertThat(h.entry().hit()).isTrue();
            assertThat(events).containsExactly("hashed");
        }
    }

    @Test
    void pruneForgetsTheHashesOfTheEntriesItRemoves() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"), LATER);
        Path sp2 = Files.writeString(dir.resolve("SP2.exe"), "package A", StandardCharsets.UTF_8);
        AtomicInteger extractions = new AtomicInteger();
        PackageCache.Extractor counting = (p, to) -> {
            extractions.incrementAndGet();
            return PackageCacheTest.fakeExtract(p, to);
        };
        c.hold(sp2, new Pending(sp2, new ArrayList<>()), counting).close();
        assertThat(c.knownSha256(sp2)).isPresent();
        CacheEntries.Pruned p = CacheEntries.prune(c, null, 0L, Instant.now());
        assertThat(p.removed()).hasSize(1);
        assertThat(c.knownSha256(sp2)).isEmpty();
        try (Stream<Path> s = Files.list(c.root().resolve("hashes"))) {
            assertThat(s.count()).isZero();
        }
        // The next build extracts it again.
        try (PackageCache.Held h = c.hold(sp2, new Pending(sp2, new ArrayList<>()), counting)) {
            assertThat(h.entry().hit()).isFalse();
        }
        assertThat(extractions).hasValue(2);
    }

    @Test
    void aDamagedRememberedHashIsIgnored() throws IOException {
        PackageCache c = PackageCache.open(dir.resolve("cache"), LATER);
        Path sp2 = Files.writeString(dir.resolve("SP2.exe"), "package A", StandardCharsets.UTF_8);
        c.hold(sp2, new Pending(sp2, new ArrayList<>()), PackageCacheTest::fakeExtract).close();
        try (Stream<Path> s = Files.list(c.root().resolve("hashes"))) {
            Files.writeString(s.findFirst().orElseThrow(), "not a hash\n");
        }
        assertThat(c.knownSha256(sp2)).isEmpty();
        List<String> events = new ArrayList<>();
        try (PackageCache.Held h = c.hold(sp2, new Pending(sp2, events), recording(events))) {
            assertThat(h.entry().hit()).isTrue();
            assertThat(h.entry().sha256()).isEqualTo(PackageCache.sha256(sp2));
        }
        assertThat(c.knownSha256(sp2)).as("written again").contains(PackageCache.sha256(sp2));
    }
}
