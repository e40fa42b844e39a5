package dev.slipstream.core.cache;

import dev.slipstream.core.packed.PackedTreeFileSystem;
import dev.slipstream.core.pe.FileVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The file versions of compressed setup files ({@code SHELL32.DL_}) read before, so that the next
 * build does not expand them again only to read a VS_FIXEDFILEINFO: on a warm build of the full x86
 * fixture that expansion (base and SP2 copies of the files hotfixes carry, one of 9 MB) was most
 * of the time before planning could start.
 *
 * <p>Keyed by the compressed file's identity: a member of a cached package by the package's
 * SHA-256 and the member's path (entries never change); a region of any other file (a base CD
 * folder's file, a file inside a base ISO) by that file's device, inode, size, modification and
 * change times, with the region's offset and length, as {@link KnownHashes} names package files.
 * A file whose identity the file system does not tell, or that changed within {@link
 * KnownHashes#SETTLED} of now, is not remembered. Layout: {@code versions/<key>}, one line: the
 * version, or {@code none} for a file that has no version resource; written whole and renamed.
 */
public final class KnownVersions {

    /** What a lookup found: the version, or that the file has none. */
    public record Known(Optional<FileVersion> version) {
    }

    private final PackageCache cache;
    private final Path dir;
    private final Clock clock;

    KnownVersions(PackageCache cache, Clock clock) {
        this.cache = cache;
        this.dir = cache.root().resolve("versions");
        this.clock = clock;
    }

    /**
     * The key of {@code length} bytes at {@code offset} of {@code file} (length -1: the whole
     * file), or empty when it cannot be named safely.
     */
    public Optional<String> keyOf(Path file, long offset, long length) {
        Optional<String> identity = cache.memberIdentity(file);
        if (identity.isEmpty() && !(file.getFileSystem() instanceof PackedTreeFileSystem) && KnownHashes.settled(file, clock.instant())) {
            identity = KnownHashes.key(file).map(id -> "file:" + id);
        }
        return identity.map(id -> CacheFiles.sha256Hex("version/1\u0000" + id + ":" + offset + ":" + length));
    }

    /** The version remembered under {@code key}, or empty when none is (or it cannot be read). */
    public Optional<Known> lookup(String key) {
        try {
            String line = Files.readString(dir.resolve(key), StandardCharsets.US_ASCII).strip();
            if (line.equals("none")) {
                return Optional.of(new Known(Optional.empty()));
            }
            return Optional.of(new Known(Optional.of(FileVersion.parse(line))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // never seen, or damaged: read the file again
        }
    }

    /** Forgets the versions remembered before {@code before} (all of them when null); returns how many. */
    int forgetOlderThan(java.time.Instant before) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try {
                    if (before == null || Files.getLastModifiedTime(p).toInstant().isBefore(before)) {
                        Files.deleteIfExists(p);
                        removed++;
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // removed meanwhile
                }
            }
        }
        return removed;
    }

    /** Remembers a version under {@code key}; failures only lose the shortcut. */
    public void remember(String key, Optional<FileVersion> version) {
        CacheFiles.replaceQuietly(dir, key, dir.resolve(key), tmp -> Files.writeString(tmp,
                version.map(FileVersion::toString).orElse("none") + "\n", StandardCharsets.US_ASCII));
    }
}
