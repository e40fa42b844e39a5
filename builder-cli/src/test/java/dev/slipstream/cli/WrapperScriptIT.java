package dev.slipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/slipstream}, the command the README gives users, on the jar {@code package} just
 * made (so this runs as a failsafe integration test, after {@code package}). Its start-up
 * archive is its own logic: a command's first run must write it, the next runs must start from it
 * (the JVM is told to fail if it cannot), and neither may change a byte of the command's output
 * or add anything to its error stream. With the JDK on PATH (a CDS archive) and with a JDK 25 or
 * later chosen by JAVA_HOME (an ahead-of-time cache).
 */
class WrapperScriptIT {

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    @TempDir
    static Path tmp;
    static Path root;
    static Path target;
    static Path wrapper;
    static Path input;

    @BeforeAll
    static void setUp() throws IOException {
        root = Path.of(System.getProperty("slipstream.root", "..")).toAbsolutePath().normalize();
        target = root.resolve("builder-cli").resolve("target");
        wrapper = root.resolve("scripts").resolve("slipstream");
        Path jar = target.resolve("slipstream.jar");
        assumeTrue(Files.isRegularFile(jar), "no " + jar + ": run through mvn verify, after package");
        input = tmp.resolve("input.bin");
        byte[] b = new byte[100_000];
        new java.util.Random(25).nextBytes(b);
        Files.write(input, b);
    }

    @Test
    void theJdkOnPathStartsFromAClassDataArchiveAfterTheFirstRun() throws Exception {
        Path java = dev.slipstream.testing.ExternalTool.find("java");
        assertThat(java).as("java on PATH").isNotNull();
        checkArchive(java, Map.of());
    }

    @Test
    void aJdk25ChosenByJavaHomeStartsFromAnAheadOfTimeCacheAfterTheFirstRun() throws Exception {
        Optional<Path> home = jdkHome(25);
        assumeTrue(home.isPresent(), "no JDK 25 or later under /usr/lib/jvm (or $SLIPSTREAM_TEST_JDK25): "
                + "the ahead-of-time cache path of scripts/slipstream is not tested");
        checkArchive(home.get().resolve("bin").resolve("java"), Map.of("JAVA_HOME", home.get().toString()));
        Run version = run(Map.of("JAVA_HOME", home.get().toString(), "SLIPSTREAM_CDS", "0"), "--version");
        assertThat(version.stdout()).as("the JDK that JAVA_HOME names runs the command").contains("Java " + feature(home.get()) + ".");
    }

    /**
     * A help run writes no archive, the first real run writes it, the second must map it; all
     * print what java -jar prints.
     */
    private static void checkArchive(Path java, Map<String, String> env) throws Exception {
        boolean aot = feature(java.toRealPath().getParent().getParent()) >= 25;
        String ext = aot ? ".aot" : ".jsa";
        deleteArchives();
        Run plain = javaJar(java, env, "hash", input.toString());
        assertThat(plain.exit()).isZero();

        // Help and the version are printed as java -jar prints them, and leave no archive: an
        // archive made from a help run would hold none of the command's working classes.
        Run plainHelp = javaJar(java, env, "hash", "--help");
        Run help = run(env, "hash", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.stdout()).isEqualTo(plainHelp.stdout()).contains("Usage: slipstream hash");
        assertThat(help.stderr()).isEmpty();
        assertThat(archives()).as("'hash --help' leaves no archive for hash").isEmpty();

        Run first = run(env, "hash", input.toString());
        assertThat(first.exit()).isZero();
        assertThat(first.stdout()).isEqualTo(plain.stdout());
        assertThat(first.stderr()).isEmpty();
        assertThat(archives()).as("the first run of 'hash' leaves one archive").singleElement()
                .satisfies(p -> assertThat(p.getFileName().toString()).endsWith("-hash" + ext));

        // Told to fail when it cannot start from the archive: a stale name or a rejected file fails here.
        java.util.HashMap<String, String> strict = new java.util.HashMap<>(env);
        Path loaded = Files.createTempFile(tmp, "classes", ".log");
        strict.put("JAVA_OPTS", (aot ? "-XX:AOTMode=on" : "-Xshare:on") + " -Xlog:class+load=info:file=" + loaded);
        Run second = run(strict, "hash", input.toString());
        assertThat(second.exit()).as(second.stderr()).isZero();
        assertThat(second.stdout()).isEqualTo(plain.stdout());
        assertThat(second.stderr()).isEmpty();
        assertThat(archives()).hasSize(1);
        // picocli too: the JDK 25 cache cannot hold Java 5 class files, so the jar carries picocli
        // compiled at our release (builder-cli/pom.xml); loaded from the jar, it cost ~70 ms a run.
        assertThat(Files.readAllLines(loaded)).filteredOn(l -> l.contains(" picocli.CommandLine ")).singleElement()
                .asString().contains("source: shared objects file");
        deleteArchives();
    }

    private static List<Path> archives() throws IOException {
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().matches("slipstream-\\d+-hash\\.(jsa|aot)")).toList();
        }
    }

    private static void deleteArchives() throws IOException {
        for (Path p : archives()) {
            Files.delete(p);
        }
    }

    private static int feature(Path jdkHome) throws IOException {
        Path release = jdkHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Matcher m = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Optional<Path> jdkHome(int atLeast) throws IOException {
        String given = System.getenv("SLIPSTREAM_TEST_JDK25");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(jvms)) {
            for (Path p : s.sorted().toList()) {
                if (!Files.isSymbolicLink(p) && Files.isExecutable(p.resolve("bin").resolve("java")) && feature(p) >= atLeast) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    /** The packaged jar run directly, without the wrapper: what the wrapper's runs must print. */
    private static Run javaJar(Path java, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-jar", target.resolve("slipstream.jar").toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, env);
    }

    private static Run run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(wrapper.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, env);
    }

    private static Run exec(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        // The JDK is the wrapper's choice: JAVA_HOME only when the test sets it.
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
