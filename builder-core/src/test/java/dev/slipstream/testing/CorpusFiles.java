package dev.slipstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Files of the shared corpus for the fuzz targets' regression runs: read in place (never copied
 * into the project, see ../shared/corpus/README.md), small enough to replay in a unit-test run.
 */
public final class CorpusFiles {

    /** Larger files are exercised by the format tests that were written for them. */
    public static final long MAX_BYTES = 2L << 20;

    private CorpusFiles() {
    }

    /** The files under {@code corpus/<dir>} of at most {@link #MAX_BYTES}, sorted, that {@code want} accepts. */
    public static List<Path> under(String dir, Predicate<Path> want) {
        Path base = SharedCorpus.corpus(dir);
        try (Stream<Path> s = Files.walk(base)) {
            return s.filter(Files::isRegularFile).filter(p -> size(p) <= MAX_BYTES).filter(want).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String name(Path p) {
        return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
