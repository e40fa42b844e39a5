package dev.slipstream.core.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The compressed setup files ({@code WIN32K.SY_}) builds made, kept beside the extracted packages
 * so that the next build with the same hotfix does not compress it again: on a warm build that
 * compression was the longest part of planning. Each output is one file,
 * {@code compressed/<key>}, where the key is a SHA-256 over everything its bytes depend on: the
 * encoder's output format (see {@code SetupFileCodec}), the member's name and date, and the input
 * file. The input is named by its identity in the cache when it is a member of a cached package
 * (package SHA-256 and member path: entries never change), else by the SHA-256 of its bytes.
 *
 * <p>Published by writing a temporary file in {@code tmp/} and renaming it, so a reader sees a
 * whole file or none; a build that uses one copies it into its workspace first, so a prune beside
 * it takes nothing from under it. Using one refreshes its modification time, which {@code cache
 * prune} reads as its last use.
 */
public final class CompressedOutputs {

    /** One output, for {@code cache info} and {@code cache prune}. */
    public record Output(String key, long bytes, Instant lastUsed) {
    }

    private final PackageCache cache;
    private final Path dir;

    CompressedOutputs(PackageCache cache) {
        this.cache = cache;
        this.dir = cache.root().resolve("compressed");
    }

    /** The folder holding the outputs. */
    public Path folder() {
        return dir;
    }

    /**
     * Names a file for a key: its place in a cached package when it is one, else the SHA-256 of
     * its bytes.
     */
    public String identityOf(Path file) throws IOException {
        Optional<String> member = cache.memberIdentity(file);
        return member.isPresent() ? member.get() : "sha256:" + PackageCache.sha256(file);
    }

    /** The key of an output: a SHA-256 over the format, the input's identity, the member name and date. */
    public static String key(String format, String inputIdentity, String memberName, Instant date) {
        String text = format + "\u0000" + inputIdentity + "\u0000" + memberName + "\u0000" + date.getEpochSecond();
        return CacheFiles.sha256Hex(text);
    }

    /** The output published under {@code key}, its last use refreshed, or empty. */
    public Optional<Path> find(String key) {
        Path p = dir.resolve(key);
        try {
            if (Files.size(p) == 0) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty(); // not there, or unreadable: compress as if never made
        }
        try {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now()));
        } catch (IOException e) {
            // a cache this user may read but not write: the output is still good to use
        }
        return Optional.of(p);
    }

    /**
     * Publishes a copy of {@code made} under {@code key}. Failures are swallowed: only a shortcut
     * for a later build is lost (a read-only cache, a full disk).
     */
    public void publish(String key, Path made) {
        CacheFiles.replaceQuietly(cache.root().resolve("tmp"), "compressed-", dir.resolve(key),
                tmp -> Files.copy(made, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    /** Remove one output (a damaged one, or one pruned). */
    public void remove(String key) throws IOException {
        Files.deleteIfExists(dir.resolve(key));
    }

    /** Every output, least recently used first. */
    public List<Output> list() throws IOException {
        List<Output> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (!PackageCache.isSha256(name) || !Files.isRegularFile(p)) {
                    continue;
                }
                try {
                    out.add(new Output(name, Files.size(p), Files.getLastModifiedTime(p).toInstant()));
                } catch (NoSuchFileException e) {
                    // pruned meanwhile
                }
            }
        }
        out.sort(Comparator.comparing(Output::lastUsed).thenComparing(Output::key));
        return out;
    }
}
