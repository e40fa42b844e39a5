package dev.slipstream.core.inf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * In-process throughput of parse + write back, for {@code scripts/bench/inf}: after warm-up
 * rounds, times parsing the file into an {@link InfDocument} and writing it to memory, and checks
 * that the bytes come back identical. Prints one line of figures.
 */
public final class InfRoundTripBench {

    private InfRoundTripBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: InfRoundTripBench FILE ROUNDS");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        byte[] original = Files.readAllBytes(file);
        double mb = original.length / 1e6;
        long bestParse = Long.MAX_VALUE;
        long bestWrite = Long.MAX_VALUE;
        byte[] last = null;
        for (int i = 0; i < rounds + 2; i++) {
            long t0 = System.nanoTime();
            InfDocument doc = InfParser.parse(original, file.toString(), InfReadOptions.defaults());
            long t1 = System.nanoTime();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(original.length);
            InfWriter.write(doc, (OutputStream) out);
            long t2 = System.nanoTime();
            last = out.toByteArray();
            if (i >= 2) {
                bestParse = Math.min(bestParse, t1 - t0);
                bestWrite = Math.min(bestWrite, t2 - t1);
            }
        }
        boolean identical = Arrays.equals(original, last);
        System.out.printf("%-28s %8.1f MB  parse %7.1f MB/s  write %7.1f MB/s  parse+write %7.1f MB/s  identical=%s%n",
                file.getFileName(), mb, mb / (bestParse / 1e9), mb / (bestWrite / 1e9),
                mb / ((bestParse + bestWrite) / 1e9), identical);
        if (!identical) {
            System.exit(1);
        }
    }
}
