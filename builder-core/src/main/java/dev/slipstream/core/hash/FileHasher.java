package dev.slipstream.core.hash;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes several hashes of a file in one read: every chunk read feeds every selected hash,
 * and the hashes' independent parts (the eight BLAKE2sp leaves, SHA-256, SHA-1, the CRCs) run on
 * as many threads as there are cores. Memory is a fixed ring of read buffers (8 MiB), whatever
 * the size of the file.
 */
public final class FileHasher {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Set<HashAlgorithm> algorithms;
    private final ParallelFeeder feeder;

    /** Hashes with all cores. */
    public FileHasher(Set<HashAlgorithm> algorithms) {
        this(algorithms, Runtime.getRuntime().availableProcessors(), ParallelFeeder.DEFAULT_CHUNK,
                ParallelFeeder.DEFAULT_RING);
    }

    FileHasher(Set<HashAlgorithm> algorithms, int threads, int chunkSize, int ringSize) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("no hash algorithm selected");
        }
        this.algorithms = EnumSet.copyOf(algorithms);
        this.feeder = new ParallelFeeder(threads, chunkSize, ringSize);
    }

    public Set<HashAlgorithm> algorithms() {
        return EnumSet.copyOf(algorithms);
    }

    /** Hashes {@code file}; the result is named as {@code file} was given. */
    public HashResult hash(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return hash(ch, file.toString());
        }
    }

    /** Hashes everything {@code in} delivers, under the given name. */
    public HashResult hash(ReadableByteChannel in, String name) throws IOException {
        List<StreamingHash> hashes = new ArrayList<>();
        for (HashAlgorithm a : algorithms) {
            hashes.add(a.newHash());
        }
        // The most expensive parts first: the feeder breaks ties in list order, so the cheap
        // CRCs fill the gaps at the end instead of delaying a BLAKE2sp leaf.
        List<StreamConsumer> parts = new ArrayList<>();
        for (HashAlgorithm a : List.of(HashAlgorithm.BLAKE2SP, HashAlgorithm.SHA256, HashAlgorithm.SHA1,
                HashAlgorithm.CRC64, HashAlgorithm.CRC32)) {
            for (StreamingHash h : hashes) {
                if (h.algorithm() == a) {
                    parts.addAll(h.parts());
                }
            }
        }
        long size = feeder.feed(in, parts);
        Map<HashAlgorithm, String> hex = new EnumMap<>(HashAlgorithm.class);
        for (StreamingHash h : hashes) {
            hex.put(h.algorithm(), HEX.formatHex(h.digest()));
        }
        return new HashResult(name, size, hex);
    }

    /** The hashes of a byte array (tests, small in-memory inputs). */
    public static HashResult hash(byte[] data, Set<HashAlgorithm> algorithms) {
        Map<HashAlgorithm, String> hex = new EnumMap<>(HashAlgorithm.class);
        for (HashAlgorithm a : algorithms) {
            StreamingHash h = a.newHash();
            h.update(data, 0, data.length);
            hex.put(a, HEX.formatHex(h.digest()));
        }
        return new HashResult("", data.length, hex);
    }
}
