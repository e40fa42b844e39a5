package dev.slipstream.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.slipstream.cli.CliHarness;
import dev.slipstream.cli.ExitCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults a build meets in a pipeline: killed with kill -9, a full disk, a read-only output
 * folder, two builds racing for one output, a damaged package in the middle of a hotfix set.
 * Builds run as child JVMs ({@code java -cp <test class path> dev.slipstream.cli.Slipstream}) so
 * a kill is a real kill and a mount is seen only by the build. Full disk and read-only folders use
 * a tmpfs mounted in a private mount namespace ({@code unshare -Urm}); where the kernel forbids
 * that, those tests are skipped with the reason.
 */
class BuildFaultsTest {

    private static final String TEMP_MARK = ".slipstream-";

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- a killed build

    @Test
    void aBuildKilledMidwayLeavesNoOutputAndTheNextBuildRemovesItsTemporaries() throws Exception {
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path iso = outDir.resolve("result.iso");
        Path log = dir.resolve("killed.err");
        Process p = childBuild(List.of(), iso).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // The first step report comes once the workspace beside the output holds data.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("extract-packages") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(p.isAlive()).as("the build should still be running when killed; it printed: %s",
                    Files.readString(log)).isTrue();
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the child
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(iso).as("a killed build leaves no output").doesNotExist();
        assertThat(namesIn(outDir)).as("the killed build's debris (else the kill came too late to test anything)")
                .anyMatch(n -> n.contains(TEMP_MARK));

        CliHarness.Run again = CliHarness.run(buildArgs(iso).toArray(String[]::new));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(iso).isNotEmptyFile();
        assertThat(namesIn(outDir)).as("the next build removed the killed one's temporaries")
                .noneMatch(n -> n.contains(TEMP_MARK));
    }

    @Test
    void aBuildKilledWhileWritingTheIsoLeavesNoImageAndTheNextBuildRemovesTheTemporary() throws Exception {
        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path iso = outDir.resolve("result.iso");
        // Mastering takes a fraction of a second on the small fixtures: a few tries catch it.
        boolean caught = false;
        for (int attempt = 0; attempt < 5 && !caught; attempt++) {
            Process p = childBuild(List.of(), iso).redirectErrorStream(true).redirectOutput(dir.resolve("k.log").toFile())
                    .start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (p.isAlive() && System.nanoTime() < deadline && !caught) {
                    caught = namesIn(outDir).stream().anyMatch(n -> n.startsWith(".result.iso" + TEMP_MARK));
                }
            } finally {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            if (!caught) {
                Files.deleteIfExists(iso); // finished before the kill: try again
                Files.deleteIfExists(outDir.resolve("result_log.txt"));
            }
        }
        assertThat(caught).as("the ISO's temporary file was never seen in 5 builds").isTrue();
        assertThat(iso).as("no image under the output name").doesNotExist();
        assertThat(namesIn(outDir)).anyMatch(n -> n.startsWith(".result.iso" + TEMP_MARK));

        CliHarness.Run again = CliHarness.run(buildArgs(iso).toArray(String[]::new));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(namesIn(outDir)).noneMatch(n -> n.contains(TEMP_MARK));
    }

    // ---------------------------------------------------------------- a full disk

    @Test
    void aFullDiskWhileTheIsoIsWrittenIsAClearErrorAndLeavesNothing() throws Exception {
        // 512 KiB holds the scan log but not the 1.4 MB image; the workspace is elsewhere.
        Path work = Files.createDirectories(dir.resolve("work"));
        Confined r = inTmpfs("size=512k", "--work-dir", work.toString());
        assertThat(r.exitCode()).as(r.output()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(r.output()).contains("No space left on device").contains(r.mount().toString())
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.listing()).as("nothing is left on the full disk").isEmpty();
        assertThat(namesIn(work)).as("the workspace is removed").isEmpty();
    }

    @Test
    void aFullDiskUnderTheWorkspaceIsAClearErrorAndLeavesNothing() throws Exception {
        // The workspace defaults to the output's folder: extraction fills the disk before mastering.
        Confined r = inTmpfs("size=192k");
        assertThat(r.exitCode()).as(r.output()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(r.output()).contains("No space left on device").contains(r.mount().toString())
                .doesNotContain("\tat ");
        assertThat(r.listing()).as("nothing is left on the full disk").isEmpty();
    }

    // ---------------------------------------------------------------- permissions

    @Test
    void aReadOnlyOutputFolderIsRefusedNamingTheFolder() throws Exception {
        Confined r = inTmpfs("ro,size=4m");
        assertThat(r.exitCode()).as(r.output()).isEqualTo(ExitCode.IO_FAILURE);
        assertThat(r.output()).contains(r.mount().toString()).containsIgnoringCase("read-only")
                .doesNotContain("probe-media").doesNotContain("\tat ");
        assertThat(r.listing()).isEmpty();
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void twoBuildsRacingForOneOutputLeaveOneCompleteImage() throws Exception {
        Path ref = dir.resolve("ref").resolve("result.iso");
        Files.createDirectories(ref.getParent());
        CliHarness.Run reference = CliHarness.run(buildArgs(ref).toArray(String[]::new));
        assertThat(reference.exitCode()).as(reference.err()).isZero();

        Path outDir = Files.createDirectories(dir.resolve("out"));
        Path iso = outDir.resolve("result.iso");
        Path shared = Files.createDirectories(dir.resolve("shared-work"));
        // Both write the same ISO, and share one work folder, so each sees the other's temporaries
        // while it runs and must neither take them for stale nor collide with them.
        List<Process> builds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            builds.add(childBuild(List.of(), iso, "--work-dir", shared.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("race-" + i + ".log").toFile()).start());
        }
        for (int i = 0; i < builds.size(); i++) {
            Process b = builds.get(i);
            assertThat(b.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(b.exitValue()).as(Files.readString(dir.resolve("race-" + i + ".log"))).isZero();
        }
        assertThat(Files.mismatch(iso, ref)).as("the winner's image is complete and identical to a lone build's")
                .isEqualTo(-1L);
        assertThat(namesIn(outDir)).noneMatch(n -> n.contains(TEMP_MARK));
        assertThat(namesIn(shared)).isEmpty();
    }

    // ---------------------------------------------------------------- bad cabinets

    @Test
    void aCorruptPackageInTheMiddleOfTheHotfixSetIsNamedAndNothingIsWritten() throws Exception {
        Path set = Files.createDirectories(dir.resolve("hotfixes"));
        for (Path h : hotfixes()) {
            Files.copy(h, set.resolve(h.getFileName()));
        }
        List<Path> sorted = namesIn(set).stream().sorted().map(set::resolve).toList();
        Path middle = sorted.get(sorted.size() / 2);
        try (RandomAccessFile f = new RandomAccessFile(middle.toFile(), "rw")) {
            long at = f.length() - 2048; // in the cabinet's compressed data: its checksum no longer matches
            f.seek(at);
            int v = f.read();
            f.seek(at);
            f.write(v ^ 0x5a);
        }
        assertBadHotfixSetRefused(set, middle);

        // The same with a cabinet cut short.
        Files.copy(hotfixOf(middle), middle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] whole = Files.readAllBytes(middle);
        Files.write(middle, Arrays.copyOf(whole, whole.length - 3000));
        assertBadHotfixSetRefused(set, middle);
    }

    private void assertBadHotfixSetRefused(Path set, Path bad) throws IOException {
        Path outDir = Files.createDirectories(dir.resolve("bad-out"));
        Path iso = outDir.resolve("result.iso");
        List<String> args = new ArrayList<>(List.of("build", "--base", Fixtures.media("x86-std-ENU").toString(),
                "--sp2", Fixtures.servicePack("x86", "ENU").toString(), "--hotfix", set.toString(),
                "--allow-regressions", "--out", iso.toString(), "--out-tree", outDir.resolve("tree").toString()));
        CliHarness.Run r = CliHarness.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains(bad.getFileName().toString()).doesNotContain("\tat ");
        assertThat(namesIn(outDir)).as("no output, temporary or scan log").isEmpty();
    }

    private static Path hotfixOf(Path copy) throws IOException {
        return Fixtures.packages().resolve(copy.getFileName().toString());
    }

    // ---------------------------------------------------------------- helpers

    /** The x86 ENU hotfixes of the fixture set (not SP2, not IE7). */
    static List<Path> hotfixes() throws IOException {
        try (Stream<Path> s = Files.list(Fixtures.packages())) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("WindowsServer2003-KB") && n.endsWith("-x86-ENU.exe") && !n.contains("-SP2-");
            }).sorted().toList();
        }
    }

    static List<String> buildArgs(Path iso, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("build", "--base", Fixtures.media("x86-std-ENU").toString(),
                "--sp2", Fixtures.servicePack("x86", "ENU").toString(), "--ie7", Fixtures.ie7("x86", "ENU").toString(),
                "--catalog", Fixtures.catalog().toString(), "--allow-regressions", "--out", iso.toString()));
        for (Path h : hotfixes()) {
            args.add("--hotfix");
            args.add(h.toString());
        }
        args.addAll(List.of(more));
        return args;
    }

    /** {@code java -cp <this test's class path> dev.slipstream.cli.Slipstream build ...}, after {@code prefix}. */
    static ProcessBuilder childBuild(List<String> prefix, Path iso, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(javaCommand());
        cmd.addAll(buildArgs(iso, more));
        return new ProcessBuilder(cmd);
    }

    static List<String> javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                "dev.slipstream.cli.Slipstream");
    }

    static List<String> namesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** A build run in its own mount namespace with a tmpfs (mounted with {@code options}) as output folder. */
    record Confined(int exitCode, String output, List<String> listing, Path mount) {
    }

    private Confined inTmpfs(String options, String... more) throws Exception {
        Namespace ns = mountNamespace();
        assumeThat(ns).as("needs `unshare -Urm` (user + mount namespaces) or passwordless sudo to mount a tmpfs; "
                + "neither is allowed here").isNotNull();
        Path mount = Files.createDirectories(dir.resolve("disk"));
        Path iso = mount.resolve("result.iso");
        // The shell mounts, runs the build, then lists what the build left on the disk: the mount
        // vanishes with the namespace, so the listing is the only way to see it from outside.
        String script = "mount -t tmpfs -o \"$1\" slipstream-test \"$2\" || exit 99; d=\"$2\"; shift 2; "
                + "\"$@\"; rc=$?; echo '@@listing'; ls -A \"$d\"; exit $rc";
        List<String> prefix = new ArrayList<>(ns.enter());
        prefix.addAll(List.of("sh", "-c", script, "sh", options + ns.mountOptions(), mount.toString()));
        prefix.addAll(ns.dropPrivileges());
        Process p = childBuild(prefix, iso, more).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("mounting the tmpfs: %s", out).isNotEqualTo(99);
        int at = out.lastIndexOf("@@listing");
        assertThat(at).as(out).isNotNegative();
        List<String> listing = out.substring(at + "@@listing".length()).lines().filter(l -> !l.isBlank()).toList();
        return new Confined(p.exitValue(), out.substring(0, at), listing, mount);
    }

    /** How to get a private mount namespace here, and how to run the build as ourselves inside it. */
    record Namespace(List<String> enter, String mountOptions, List<String> dropPrivileges) {
    }

    private static Namespace namespace;
    private static boolean probed;

    /** {@code unshare -Urm} where user namespaces are allowed; else sudo (CI runners), running the build as us. */
    static synchronized Namespace mountNamespace() throws IOException, InterruptedException {
        if (!probed) {
            probed = true;
            Namespace userns = new Namespace(List.of("unshare", "-Urm"), "", List.of());
            if (!"sudo".equals(System.getProperty("slipstream.test.mount-namespace")) && succeeds(userns)) {
                namespace = userns;
            } else {
                String id = new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                        StandardCharsets.US_ASCII).trim();
                String gid = new String(new ProcessBuilder("id", "-g").start().getInputStream().readAllBytes(),
                        StandardCharsets.US_ASCII).trim();
                Namespace sudo = new Namespace(List.of("sudo", "-n", "unshare", "-m"), ",uid=" + id + ",gid=" + gid,
                        List.of("setpriv", "--reuid=" + id, "--regid=" + gid, "--clear-groups"));
                if (succeeds(sudo)) {
                    namespace = sudo;
                }
            }
        }
        return namespace;
    }

    private static boolean succeeds(Namespace ns) throws IOException, InterruptedException {
        Path probe = Files.createTempDirectory("slipstream-mount-probe-");
        try {
            List<String> cmd = new ArrayList<>(ns.enter());
            cmd.addAll(List.of("sh", "-c", "mount -t tmpfs -o size=64k\"$2\" probe \"$1\"", "sh", probe.toString(),
                    ns.mountOptions()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no unshare or no sudo
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
