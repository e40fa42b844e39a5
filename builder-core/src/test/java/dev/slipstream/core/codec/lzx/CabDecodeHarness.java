package dev.slipstream.core.codec.lzx;

import dev.slipstream.core.cab.CabinetReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;

/**
 * Development harness (not a test): decodes every member of each cabinet given, on one thread,
 * several times after a warm-up, and prints decoded MB per CPU second (thread CPU time, so a busy
 * shared machine does not distort it). Used to tune the LZX and MSZIP decoders.
 *
 * <p>Usage: {@code CabDecodeHarness [-n REPS] CABINET|DIRECTORY-OF-CABINETS...}
 */
public final class CabDecodeHarness {

    private CabDecodeHarness() {
    }

    public static void main(String[] args) throws IOException {
        int reps = 5;
        int first = 0;
        if (args.length > 1 && args[0].equals("-n")) {
            reps = Integer.parseInt(args[1]);
            first = 2;
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        byte[] buf = new byte[1 << 16];
        for (int a = first; a < args.length; a++) {
            Path cab = Path.of(args[a]);
            drainAll(cab, buf); // warm-up
            double best = Double.MAX_VALUE;
            double sum = 0;
            long bytes = 0;
            for (int r = 0; r < reps; r++) {
                long t0 = mx.getCurrentThreadCpuTime();
                bytes = drainAll(cab, buf);
                double cpu = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
                best = Math.min(best, cpu);
                sum += cpu;
            }
            System.out.printf("%-40s %8.1f MB  best %.3f s CPU (%.0f MB/s)  mean %.3f s%n", cab.getFileName(),
                    bytes / 1e6, best, bytes / 1e6 / best, sum / reps);
        }
    }

    private static long drainAll(Path cab, byte[] buf) throws IOException {
        if (java.nio.file.Files.isDirectory(cab)) {
            // Many small cabinets (compressed media files, one folder each): what a build decodes.
            long sum = 0;
            try (var files = java.nio.file.Files.list(cab)) {
                for (Path p : files.sorted().toList()) {
                    sum += drainAll(p, buf);
                }
            }
            return sum;
        }
        long[] total = new long[1];
        try (CabinetReader reader = CabinetReader.open(cab)) {
            reader.readAll(e -> true, 1, (entry, in) -> total[0] += drain(in, buf));
        }
        return total[0];
    }

    private static long drain(InputStream in, byte[] buf) throws IOException {
        long n = 0;
        int k;
        while ((k = in.read(buf)) > 0) {
            n += k;
        }
        return n;
    }
}
