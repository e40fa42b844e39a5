import dev.slipstream.cli.Slipstream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs the same "slipstream build" several times in one JVM, each time with its package cache
 * emptied first (as a cold build has it), and prints each run's wall time in seconds on stdout.
 * The later runs show what a cold build costs once the JIT has compiled the code: the share of
 * the single-process cold build that is start-up and JIT warm-up, for scripts/bench/build.
 *
 * <p>Usage: java -cp slipstream.jar RepeatedBuild.java RUNS CACHE-DIR build ARGS... (ARGS must
 * include --cache CACHE-DIR). The command's own output is discarded; a failed build stops with
 * its exit code.
 */
public class RepeatedBuild {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Path cache = Path.of(args[1]);
        String[] command = Arrays.copyOfRange(args, 2, args.length);
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        for (int i = 0; i < runs; i++) {
            empty(cache);
            new ProcessBuilder("sync").inheritIO().start().waitFor(); // untimed, as in the bench
            long t = System.nanoTime();
            int rc = Slipstream.run(command, quiet, quiet);
            double s = (System.nanoTime() - t) / 1e9;
            if (rc != 0) {
                System.err.println("RepeatedBuild: run " + (i + 1) + " failed with exit code " + rc
                        + "; run the command alone to see why");
                System.exit(rc);
            }
            System.out.printf("%.3f%n", s);
        }
    }

    private static void empty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.forEach(p -> p.toFile().setWritable(true)); // cache entries are read-only
            }
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Files.createDirectories(dir);
    }
}
