package dev.slipstream.cli.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/factory/Makefile, run by make on a two-image matrix (x86 and x64 Standard English):
 * the first make builds both, a second rebuilds nothing, and touching the x86 hotfix rebuilds the
 * x86 image only, to the same bytes. The full 8-image matrix is the script's own default.
 */
class FactoryMakefileTest {

    private static final Path FACTORY = Path.of("..", "scripts", "factory").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Make(int code, String log) {
    }

    private Make make(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("make", "-C", cwd.toString()));
        cmd.addAll(List.of(args));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        cmd.add("SLIPSTREAM=" + java + " -cp " + System.getProperty("java.class.path") + " dev.slipstream.cli.Slipstream");
        cmd.add("IMAGES=x86-std-ENU x64-std-ENU");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SLIPSTREAM_CACHE", dir.resolve("cache").toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Make(p.exitValue(), log);
    }

    private static void setTimes(Path root, FileTime t) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                Files.setLastModifiedTime(p, t);
            }
        }
    }

    @Test
    void aSecondMakeRebuildsNothingAndTouchingAHotfixRebuildsExactlyItsImages() throws Exception {
        ExternalTool.require("make", "make");
        Path f = dir.resolve("factory");
        Files.createDirectories(f.resolve("profiles"));
        Files.copy(FACTORY.resolve("Makefile"), f.resolve("Makefile"));
        for (String id : List.of("x86-std-ENU", "x64-std-ENU")) {
            Files.copy(FACTORY.resolve("profiles").resolve(id + ".ini"), f.resolve("profiles").resolve(id + ".ini"));
        }
        // The fixtures the profiles name (../build/fx), copied so their times are ours to change.
        Path fx = f.resolve("build").resolve("fx");
        Files.createDirectories(fx.resolve("media"));
        Files.createDirectories(fx.resolve("packages"));
        for (String id : List.of("x86-std-ENU", "x64-std-ENU")) {
            Files.copy(Fixtures.iso(id), fx.resolve("media").resolve(id + ".iso"));
        }
        try (Stream<Path> s = Files.list(Fixtures.packages())) {
            for (Path p : (Iterable<Path>) s.filter(x -> x.getFileName().toString().contains("ENU"))
                    .filter(x -> !x.getFileName().toString().contains("ia64"))::iterator) {
                Files.copy(p, fx.resolve("packages").resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Files.copy(Fixtures.catalog(), fx.resolve("packages.catalog"));
        long now = System.currentTimeMillis();
        setTimes(f, FileTime.fromMillis(now - 7_200_000));

        Make first = make(f, "-j2");
        assertThat(first.code()).as(first.log()).isZero();
        Path x86 = f.resolve("out/x86-std-ENU.iso");
        Path x64 = f.resolve("out/x64-std-ENU.iso");
        assertThat(x86).isRegularFile();
        assertThat(x64).isRegularFile();
        assertThat(f.resolve("out/x86-std-ENU.d")).isRegularFile();
        assertThat(f.resolve("out/x64-std-ENU.json")).isRegularFile();
        byte[] x86Bytes = Files.readAllBytes(x86);

        // Outputs an hour old, inputs two hours: nothing to do, whatever the file system's time resolution.
        setTimes(f.resolve("out"), FileTime.fromMillis(now - 3_600_000));
        Make second = make(f, "-q");
        assertThat(second.code()).as("make -q after a full build: %s", second.log()).isZero();

        Files.setLastModifiedTime(fx.resolve("packages/WindowsServer2003-KB925902-x86-ENU.exe"), FileTime.fromMillis(now - 1_800_000));
        Make dry = make(f, "-n");
        assertThat(dry.code()).as(dry.log()).isZero();
        assertThat(dry.log()).contains("--out out/x86-std-ENU.iso").doesNotContain("--out out/x64-std-ENU.iso");

        Make third = make(f, "-j2");
        assertThat(third.code()).as(third.log()).isZero();
        assertThat(Files.getLastModifiedTime(x64).toMillis()).as("the x64 image was left alone").isLessThan(now - 3_000_000);
        assertThat(Files.getLastModifiedTime(x86).toMillis()).isGreaterThan(now - 60_000);
        assertThat(Files.readAllBytes(x86)).as("a rebuild from the same inputs is byte-identical").isEqualTo(x86Bytes);
        Make fourth = make(f, "-q");
        assertThat(fourth.code()).as("make -q after the rebuild: %s", fourth.log()).isZero();
    }
}
