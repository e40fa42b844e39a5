package dev.slipstream.core.codec.lzx;

import dev.slipstream.core.codec.mszip.MszipEncoder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Development harness (not a test): compresses one file in-process with our MSZIP and each LZX
 * level, after a warm-up, and prints throughput per CPU second (thread CPU time, so that a busy
 * shared machine does not distort it) and size against MSZIP at its best level (zlib 9). Used
 * to tune the LZX encoder.
 *
 * <p>Usage: {@code LzxSpeedHarness FILE [LEVEL...]}
 */
public final class LzxSpeedHarness {

    private LzxSpeedHarness() {
    }

    public static void main(String[] args) throws IOException {
        byte[] data = Files.readAllBytes(Path.of(args[0]));
        LzxEncoder.Level[] levels = LzxEncoder.Level.values();
        if (args.length > 1) {
            levels = new LzxEncoder.Level[args.length - 1];
            for (int i = 1; i < args.length; i++) {
                levels[i - 1] = LzxEncoder.Level.valueOf(args[i]);
            }
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int warm = Math.min(data.length, 4 << 20);
        for (LzxEncoder.Level l : levels) {
            lzx(data, warm, l);
        }
        mszip(data, warm);
        long t0 = mx.getCurrentThreadCpuTime();
        long mszip = mszip(data, data.length);
        double mszipCpu = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
        System.out.printf("%-8s %6.1f MB/s/core  %,12d bytes  (%.2f%% of input)%n", "MSZIP-9",
                data.length / 1e6 / mszipCpu, mszip, 100.0 * mszip / data.length);
        for (LzxEncoder.Level l : levels) {
            t0 = mx.getCurrentThreadCpuTime();
            long size = lzx(data, data.length, l);
            double cpu = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
            System.out.printf("%-8s %6.1f MB/s/core  %,12d bytes  %+.2f%% vs MSZIP-9  (%.2f s CPU)%n", l,
                    data.length / 1e6 / cpu, size, 100.0 * (size - mszip) / mszip, cpu);
        }
    }

    private static long lzx(byte[] data, int len, LzxEncoder.Level level) throws IOException {
        long[] total = new long[1];
        LzxEncoder enc = new LzxEncoder(21, LzxEncoder.DEFAULT_E8_TRANSLATION_SIZE, level,
                (b, off, n, u) -> total[0] += n + 8);
        enc.write(data, 0, len);
        enc.finish();
        return total[0];
    }

    private static long mszip(byte[] data, int len) {
        long total = 0;
        byte[] out = new byte[MszipEncoder.MAX_OUTPUT];
        try (MszipEncoder enc = new MszipEncoder(MszipEncoder.BEST_LEVEL)) {
            for (int off = 0; off < len; off += MszipEncoder.MAX_BLOCK) {
                int n = Math.min(MszipEncoder.MAX_BLOCK, len - off);
                total += enc.encodeBlock(data, off, n, Math.min(off, MszipEncoder.HISTORY_SIZE), out) + 8;
            }
        }
        return total;
    }
}
