package dev.slipstream.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An independent tool (cabextract, 7z, xorriso, ...) that a test uses as a judge.
 *
 * <p>On a workstation a missing tool skips the test with a message saying what to install. Under
 * {@code CI=true} it fails the test: CI installs every tool, so a missing one is a broken CI.
 */
public final class ExternalTool {

    private final String name;
    private final Path path;

    private ExternalTool(String name, Path path) {
        this.name = name;
        this.path = path;
    }

    /** Finds {@code name} on PATH, or skips (workstation) / fails (CI) the calling test. */
    public static ExternalTool require(String name, String debianPackage) {
        Path found = find(name);
        if (found == null) {
            String msg = "'" + name + "' is not installed (Debian package: " + debianPackage + ")";
            if (isCi()) {
                fail(msg + "; CI must install it in .ci/run");
            }
            assumeTrue(false, msg + "; skipping this interop test");
        }
        return new ExternalTool(name, found);
    }

    public static boolean isCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static Path find(String name) {
        String pathVar = System.getenv("PATH");
        if (pathVar == null) {
            return null;
        }
        for (String dir : pathVar.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    public Path path() {
        return path;
    }

    /** Runs the tool with a time limit; the result holds exit code, stdout and stderr. */
    public Result run(Path workDir, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(path.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (workDir != null) {
            pb.directory(workDir.toFile());
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread to = pump(p.getInputStream(), out);
        Thread te = pump(p.getErrorStream(), err);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(name + " did not finish within " + timeoutSeconds + " s: " + String.join(" ", args));
        }
        to.join();
        te.join();
        return new Result(p.exitValue(), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(sink);
            } catch (IOException ignored) {
                // The process died; whatever was read is what it printed.
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** What a tool run gave back. */
    public record Result(int exitCode, byte[] stdoutBytes, String stderr) {
        public String stdout() {
            return new String(stdoutBytes, StandardCharsets.UTF_8);
        }

        public Result assertSuccess(String what) {
            if (exitCode != 0) {
                fail(what + " exited " + exitCode + "\nstdout: " + stdout() + "\nstderr: " + stderr);
            }
            return this;
        }
    }
}
