package dev.slipstream.core.cab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.testing.SharedCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every cabinet of the shared corpus against what cabextract 1.9 made of it (ORACLE.tsv): each
 * {@code ok} member must come out with the same path, size and SHA-256; each {@code error} file
 * must end in a {@link BadInputException}, within a time limit, never another exception.
 * Where we deliberately differ from cabextract, docs/cab-format.md says why and the difference is
 * asserted here, not skipped.
 */
class CabConformanceTest {

    /** Decoding the 3 x 2 GiB members of large-files.cab takes a minute; run it with -Dslipstream.bigTests=true. */
    private static final String LARGE = "libmspack/derived/large-files.cab";
    private static final long CASE_TIMEOUT_SECONDS = 60;

    @TempDir
    Path tmp;

    record Outcome(List<String> paths, List<Long> sizes, List<String> shas, List<Boolean> unsafe) {
    }

    @Test
    void corpusMatchesCabextract() throws Exception {
        Path cabDir = SharedCorpus.corpus("cab");
        CabOracle oracle = CabOracle.load(cabDir);
        int okRows = 0;
        int matched = 0;
        int errorFiles = 0;
        int failedCleanly = 0;
        int skipped = 0;
        int refused = 0;
        List<String> failures = new ArrayList<>();
        List<String> skips = new ArrayList<>();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "conformance-case");
            t.setDaemon(true);
            return t;
        });
        try {
            for (var e : oracle.rowsByFile.entrySet()) {
                String file = e.getKey();
                List<CabOracle.Row> rows = e.getValue();
                boolean ok = rows.get(0).ok();
                Path input;
                if (file.contains("[as a set")) {
                    input = renamedMultiBasicSet(cabDir);
                } else {
                    input = cabDir.resolve(file);
                }
                if (file.equals(LARGE) && !Boolean.getBoolean("slipstream.bigTests")) {
                    skipped += rows.size();
                    skips.add(file + " (6 GiB of output: run with -Dslipstream.bigTests=true, or scripts/bench/cab-extract)");
                    continue;
                }
                Future<Outcome> f = runner.submit(() -> readAll(input));
                Outcome out;
                Throwable thrown = null;
                try {
                    out = f.get(file.equals(LARGE) ? 600 : CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException te) {
                    f.cancel(true);
                    failures.add(file + ": did not finish within the time limit");
                    continue;
                } catch (java.util.concurrent.ExecutionException ee) {
                    out = null;
                    thrown = ee.getCause();
                }
                if (!ok) {
                    errorFiles++;
                    String outside = extractionStaysInside(input);
                    if (outside != null) {
                        failures.add(file + ": " + outside);
                    }
                    if (thrown instanceof BadInputException) {
                        failedCleanly++;
                    } else if (thrown == null) {
                        failures.add(file + ": expected an error, but every member decoded");
                    } else {
                        failures.add(file + ": expected a BadInputException, got " + thrown);
                    }
                    continue;
                }
                okRows += rows.size();
                if (thrown != null) {
                    failures.add(file + ": " + thrown);
                    continue;
                }
                if (out.paths().size() != rows.size()) {
                    failures.add(file + ": " + out.paths().size() + " members, cabextract has " + rows.size());
                    continue;
                }
                // The oracle hashed the files cabextract left on disk: when a name repeats, the last
                // member of that name overwrote the others, and so does our extractor.
                java.util.Map<String, Integer> lastOfName = new java.util.HashMap<>();
                for (int i = 0; i < out.paths().size(); i++) {
                    lastOfName.put(out.paths().get(i), i);
                }
                for (int i = 0; i < rows.size(); i++) {
                    CabOracle.Row r = rows.get(i);
                    String ours = out.paths().get(i);
                    String theirs = new String(r.path(), StandardCharsets.ISO_8859_1);
                    int onDisk = lastOfName.get(ours);
                    boolean sameData = out.sizes().get(onDisk) == r.size() && out.shas().get(onDisk).equals(r.sha256());
                    boolean same = ours.equals(theirs) && sameData;
                    if (same) {
                        matched++;
                    } else if (sameData && out.unsafe().get(i)) {
                        // cabextract rewrites hostile names ("../" to "xx/", strips leading "/");
                        // we decode the same bytes but refuse to extract such a name (docs/cab-format.md).
                        refused++;
                    } else {
                        failures.add(file + " #" + i + ": ours " + ours + " " + out.sizes().get(i) + " " + out.shas().get(i)
                                + " / cabextract " + theirs + " " + r.size() + " " + r.sha256());
                    }
                }
            }
        } finally {
            runner.shutdownNow();
        }
        System.out.println("CAB conformance: matched " + (matched + refused) + " / " + okRows + " ok rows (" + refused
                + " of them same data under a hostile name we refuse to extract); " + failedCleanly + " / " + errorFiles
                + " error files failed cleanly; " + skipped + " rows skipped");
        skips.forEach(s -> System.out.println("  skipped: " + s));
        failures.forEach(s -> System.out.println("  FAILED: " + s));
        assertThat(failures).isEmpty();
    }

    /**
     * Extracts a cabinet that should fail into {@code <fresh>/dest}: it must fail with a
     * {@link BadInputException} (or succeed), and nothing may appear in {@code <fresh>} outside
     * {@code dest}. Returns a description of what went wrong, or {@code null}.
     */
    private String extractionStaysInside(Path input) throws IOException {
        Path parent = Files.createTempDirectory(tmp, "extract-");
        Path dest = parent.resolve("dest");
        try {
            for (long offset : CabinetReader.cabinetOffsets(input)) {
                try (CabinetReader r = CabinetReader.open(input, offset, CabReadOptions.DEFAULTS)) {
                    CabExtractor.extract(r, dest, new CabExtractor.Options(e -> true, false, 2));
                }
            }
        } catch (BadInputException expected) {
            // the point of these files
        } catch (IOException | RuntimeException e) {
            return "extraction failed with " + e + " instead of a BadInputException";
        }
        try (var s = Files.list(parent)) {
            List<Path> there = s.toList();
            if (!(there.isEmpty() || there.equals(List.of(dest)))) {
                return "extraction wrote outside the destination: " + there;
            }
        }
        return null;
    }

    /** The path as cabextract would write it: raw bytes for 8-bit names, UTF-8 for UTF-8 names. */
    static String cabextractStylePath(CabEntry e) {
        byte[] bytes = e.isUtf8Name() ? e.path().getBytes(StandardCharsets.UTF_8) : e.path().getBytes(StandardCharsets.ISO_8859_1);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static Outcome readAll(Path input) throws IOException {
        List<String> paths = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<String> shas = new ArrayList<>();
        List<Boolean> unsafe = new ArrayList<>();
        // As cabextract does: every cabinet the file holds, in file order (a scan for host files).
        for (long offset : CabinetReader.cabinetOffsets(input)) {
            try (CabinetReader r = CabinetReader.open(input, offset, CabReadOptions.DEFAULTS)) {
                byte[] buf = new byte[65536];
                for (CabEntry e : r.entries()) {
                    MessageDigest md = sha256();
                    long n = 0;
                    try (InputStream in = r.openStream(e)) {
                        int k;
                        while ((k = in.read(buf)) > 0) {
                            md.update(buf, 0, k);
                            n += k;
                        }
                    }
                    paths.add(cabextractStylePath(e));
                    unsafe.add(CabExtractor.unsafeReason(e.path()) != null);
                    sizes.add(n);
                    shas.add(HexFormat.of().formatHex(md.digest()));
                }
            }
        }
        return new Outcome(paths, sizes, shas, unsafe);
    }

    private Path renamedMultiBasicSet(Path cabDir) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("multi-basic-set"));
        for (int i = 1; i <= 5; i++) {
            Files.copy(cabDir.resolve("libmspack/test_files_cabd/multi_basic_pt" + i + ".cab"),
                    dir.resolve("cabd_multi_basic_pt" + i + ".cab"));
        }
        return dir.resolve("cabd_multi_basic_pt1.cab");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
