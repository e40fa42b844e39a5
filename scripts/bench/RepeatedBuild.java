import dev.slipstream.cli.Slipstream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * <p>Usage: java -cp slipstream.jar RepeatedBuild.java RUNS build ARGS... where ARGS include
 * --cache DIR, the cache emptied before each run. The command's output is discarded; a failed
 * build prints its error output and stops with its exit code.
 */
public class RepeatedBuild {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        int at = Arrays.asList(command).indexOf("--cache");
        if (at < 0 || at + 1 >= command.length) {
            System.err.println("RepeatedBuild: the build needs --cache DIR, the package cache emptied before each run");
            System.exit(2);
        }
        Path cache = Path.of(command[at + 1]);
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        for (int i = 0; i < runs; i++) {
            empty(cache);
            new ProcessBuilder("sync").inheritIO().start().waitFor(); // untimed, as in the bench
            StringWriter err = new StringWriter();
            long t = System.nanoTime();
            int rc = Slipstream.run(command, quiet, new PrintWriter(err));
            double s = (System.nanoTime() - t) / 1e9;
            if (rc != 0) {
                System.err.print(err);
                System.err.println("RepeatedBuild: run " + (i + 1) + " failed with exit code " + rc);
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
