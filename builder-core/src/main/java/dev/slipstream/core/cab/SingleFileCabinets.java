package dev.slipstream.core.cab;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The compressed files of Windows media ({@code KERNEL32.DL_}): one-member cabinets named after
 * the file with the last character of its extension replaced by {@code _}. The member keeps the
 * original name, which is how setup and {@code expand} restore it.
 */
public final class SingleFileCabinets {

    private SingleFileCabinets() {
    }

    /** {@code KERNEL32.DLL} -> {@code KERNEL32.DL_}, {@code A.C} -> {@code A._}, {@code README} -> {@code README._}. */
    public static String compressedName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return (dot == name.length() - 1 ? name.substring(0, dot) : name) + "._";
        }
        return name.substring(0, name.length() - 1) + "_";
    }

    /** One file compressed: what and where. */
    public record Result(Path source, Path cabinet, long bytesIn, long bytesOut) {
    }

    /**
     * Compresses each file into {@code NAME.EX_} beside it, or into {@code outDir} when not null,
     * {@code threads} files at a time. Every input and output name is checked first; then
     * nothing is written when one is wrong. Results come back in input order.
     */
    public static List<Result> compress(List<Path> files, Path outDir, CabinetWriter.Options options, int threads)
            throws IOException {
        List<Path> targets = new ArrayList<>();
        Map<Path, Path> claimed = new HashMap<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            Path dir = outDir != null ? outDir : f.toAbsolutePath().getParent();
            Path target = dir.resolve(compressedName(name)).toAbsolutePath().normalize();
            if (target.equals(f.toAbsolutePath().normalize())) {
                throw BadInputException.in(f).hint("expand it first, or rename it")
                        .problem("its compressed name would be the file itself (the extension already ends in '_')");
            }
            Path key = target.getParent().resolve(target.getFileName().toString().toLowerCase(Locale.ROOT));
            Path other = claimed.putIfAbsent(key, f);
            if (other != null) {
                throw BadInputException.in(f).hint("compress them into different directories (-d)")
                        .problem("it and %s would both be compressed to %s", other, target.getFileName());
            }
            targets.add(target);
        }
        List<CabinetWriter.Entry> entries = new ArrayList<>();
        for (Path f : files) {
            entries.add(CabinetWriter.Entry.ofFile(f, f.getFileName().toString()));
        }
        if (outDir != null) {
            Files.createDirectories(outDir);
        }
        int n = Math.max(1, Math.min(threads, files.size()));
        if (n == 1) {
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                results.add(compressOne(files.get(i), entries.get(i), targets.get(i), options));
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "cab-compress");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                int k = i;
                futures.add(pool.submit(() -> compressOne(files.get(k), entries.get(k), targets.get(k), options)));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result compressOne(Path file, CabinetWriter.Entry entry, Path target, CabinetWriter.Options options)
            throws IOException {
        CabinetWriter.Summary s = CabinetWriter.write(target, List.of(entry), options);
        return new Result(file, target, s.uncompressedBytes(), s.cabinetBytes());
    }
}
