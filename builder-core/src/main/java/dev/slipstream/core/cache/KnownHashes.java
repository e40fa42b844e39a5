package dev.slipstream.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The SHA-256 of package files the cache has seen, remembered by the file's identity (device,
 * inode, size, modification and change times), as git's index remembers the hashes of a work
 * tree: a build whose service pack is unchanged since it was hashed needs not read 350 MB again
 * to find its cache entry, and the first build of a package extracts it while it is hashed
 * instead of after.
 *
 * <p>The change time (ctime) is set by the kernel on every write and every metadata change and
 * cannot be set back by a user, so a file whose five fields match has the bytes that were hashed.
 * A file changed within the same clock tick as its hashing could keep all five: a hash is
 * therefore only remembered once the file is {@link #SETTLED} old, and never where the file
 * system does not expose these fields (the lookup then always misses and the package is hashed).
 *
 * <p>Layout: {@code hashes/<key>}, one line holding the SHA-256, where the key is a digest of the
 * identity. Written to a temporary name and renamed, so a reader sees a whole line or none.
 */
final class KnownHashes {

    /** How old a file's last change must be before its hash is remembered. */
    static final Duration SETTLED = Duration.ofSeconds(2);

    private final Path dir;

    KnownHashes(Path dir) {
        this.dir = dir;
    }

    /** The remembered SHA-256 of the file as it is now, if it was hashed before and has not changed since. */
    Optional<String> lookup(Path file) {
        Optional<String> key = key(file);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            String line = Files.readString(dir.resolve(key.get()), StandardCharsets.US_ASCII).strip();
            return PackageCache.isSha256(line) ? Optional.of(line) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable: hash the file, as if never seen
        }
    }

    /** Remembers the file's SHA-256, unless the file changed too recently for its identity to be trusted. */
    void remember(Path file, String sha256, Instant now) {
        PackageCache.requireSha256(sha256);
        if (!settled(file, now)) {
            return;
        }
        // Nothing here fails the build: a hash not written (or a file without an identity) only
        // makes the next build hash the file again.
        key(file).ifPresent(key -> CacheFiles.replaceQuietly(dir, key, dir.resolve(key),
                tmp -> Files.writeString(tmp, sha256 + "\n", StandardCharsets.US_ASCII)));
    }

    /** Whether the file's last change (ctime) is {@link #SETTLED} old, so that its identity names its bytes. */
    static boolean settled(Path file, Instant now) {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:ctime");
            return !((FileTime) a.get("ctime")).toInstant().isAfter(now.minus(SETTLED));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Removes what no longer leads to an entry: hashes whose entry is gone (it was pruned). */
    int forgetMissing(Path packages) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String sha;
                try {
                    sha = Files.readString(p, StandardCharsets.US_ASCII).strip();
                } catch (IOException e) {
                    continue;
                }
                if (!PackageCache.isSha256(sha) || !Files.isDirectory(packages.resolve(sha))) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The digest of the file's identity, or empty where the file system does not tell it. */
    static Optional<String> key(Path file) {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(file, "unix:dev,ino,size,lastModifiedTime,ctime");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String identity = a.get("dev") + ":" + a.get("ino") + ":" + a.get("size") + ":" + nanos((FileTime) a.get("lastModifiedTime"))
                + ":" + nanos((FileTime) a.get("ctime"));
        return Optional.of(CacheFiles.sha256Hex(identity).substring(0, 32));
    }

    private static String nanos(FileTime t) {
        Instant i = t.toInstant();
        return i.getEpochSecond() + "." + i.getNano();
    }
}
