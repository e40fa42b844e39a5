package dev.slipstream.core.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code slipstream cache info} shows and {@code cache prune} removes: the published entries
 * of a {@link PackageCache}, with their size and last use.
 */
public final class CacheEntries {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** One published entry. */
    public record Entry(String sha256, String packageName, int members, long bytes, Instant lastUsed) {
    }

    /**
     * What a prune did.
     *
     * @param bytesFreed  by the packages and the compressed outputs removed
     * @param compressedRemoved how many compressed outputs ({@link CompressedOutputs}) were removed
     */
    public record Pruned(List<Entry> removed, long bytesFreed, int staleTemporaries, int compressedRemoved) {
    }

    private CacheEntries() {
    }

    static Properties info(Path entry) throws IOException {
        Properties p = new Properties();
        Path f = entry.resolve("info");
        if (Files.isRegularFile(f)) {
            try (var r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    /** Every entry, least recently used first. */
    public static List<Entry> list(PackageCache cache) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(cache.packages())) {
            for (Path e : (Iterable<Path>) s.sorted()::iterator) {
                String name = e.getFileName().toString();
                if (!SHA256.matcher(name).matches() || !Files.isDirectory(e)) {
                    continue;
                }
                Properties info = info(e);
                out.add(new Entry(name, info.getProperty("package", "?"),
                        Integer.parseInt(info.getProperty("members", "0")), size(e),
                        Files.getLastModifiedTime(e).toInstant()));
            }
        }
        out.sort(Comparator.comparing(Entry::lastUsed).thenComparing(Entry::sha256));
        return out;
    }

    static long size(Path dir) throws IOException {
        long total = 0;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            }
        }
        return total;
    }

    /**
     * Removes entries unused for longer than {@code olderThan} (when given), then the least
     * recently used ones until the cache holds at most {@code maxBytes} (when given), and
     * temporaries left by killed builds (older than a day). Each entry is removed under its file
     * lock and first renamed into {@code tmp/}, so a build never finds half an entry; an entry a
     * running build holds ({@link PackageCache#hold}) or is extracting is skipped.
     */
    public static Pruned prune(PackageCache cache, Duration olderThan, Long maxBytes, Instant now) throws IOException {
        List<Entry> entries = list(cache);
        CompressedOutputs outputs = cache.compressedOutputs();
        List<CompressedOutputs.Output> made = outputs.list();
        long total = entries.stream().mapToLong(Entry::bytes).sum() + made.stream().mapToLong(CompressedOutputs.Output::bytes).sum();
        List<Entry> removed = new ArrayList<>();
        long freed = 0;
        // Compressed outputs first: they are small and quick to make again, packages are not.
        int compressedRemoved = 0;
        for (CompressedOutputs.Output o : made) {
            boolean old = olderThan != null && o.lastUsed().isBefore(now.minus(olderThan));
            boolean over = maxBytes != null && total - freed > maxBytes;
            if (old || over) {
                outputs.remove(o.key());
                compressedRemoved++;
                freed += o.bytes();
            }
        }
        for (Entry e : entries) {
            boolean old = olderThan != null && e.lastUsed().isBefore(now.minus(olderThan));
            boolean over = maxBytes != null && total - freed > maxBytes;
            if (!old && !over) {
                continue;
            }
            if (remove(cache, e)) {
                removed.add(e);
                freed += e.bytes();
            }
        }
        cache.forgetHashesOfMissingEntries();
        // Remembered versions are a few bytes each and quick to read again: they go by age, and all with --all.
        if (maxBytes != null && maxBytes == 0) {
            cache.knownVersions().forgetOlderThan(null);
        } else if (olderThan != null) {
            cache.knownVersions().forgetOlderThan(now.minus(olderThan));
        }
        int stale = 0;
        try (Stream<Path> s = Files.list(cache.root().resolve("tmp"))) {
            for (Path t : (Iterable<Path>) s::iterator) {
                if (Files.getLastModifiedTime(t).toInstant().isBefore(now.minus(Duration.ofDays(1)))) {
                    PackageCache.deleteEntryTree(t);
                    stale++;
                }
            }
        }
        return new Pruned(removed, freed, stale, compressedRemoved);
    }

    private static boolean remove(PackageCache cache, Entry e) throws IOException {
        Path lockFile = cache.root().resolve("locks").resolve(e.sha256() + ".lock");
        if (PackageCache.heldInThisProcess(lockFile)) {
            return false; // a build in this process uses it
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(ch)) {
            if (lock == null) {
                return false; // being extracted, or used by a running build: certainly not unused
            }
            Path entry = cache.packages().resolve(e.sha256());
            Path doomed = cache.root().resolve("tmp").resolve("pruned-" + e.sha256());
            PackageCache.deleteEntryTree(doomed);
            Files.move(entry, doomed, StandardCopyOption.ATOMIC_MOVE);
            PackageCache.deleteEntryTree(doomed);
        }
        // The lock file stays (it is empty): a build that opened it before a deletion would lock a
        // file nobody else can see any more, and a prune could then remove the entry it uses.
        return true;
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null; // this JVM is extracting it right now
        }
    }
}
