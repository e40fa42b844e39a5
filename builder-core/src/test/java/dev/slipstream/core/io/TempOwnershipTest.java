package dev.slipstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stale-temporary cleaning must tell a killed process's leftovers from a live process's work in
 * progress: the owner here is a real second JVM, killed with SIGKILL like a crashed build.
 */
class TempOwnershipTest {

    @TempDir
    Path dir;

    /** A second process: opens an AtomicOutput and claims a temp folder in args[0], then waits for stdin to close. */
    @SuppressWarnings("try") // the claim is held, not used
    public static void main(String[] args) throws Exception {
        Path d = Path.of(args[0]);
        Path folder = Files.createDirectory(d.resolve(".tree" + AtomicOutput.TEMP_MARKER + "live"));
        try (AtomicOutput out = AtomicOutput.create(d.resolve("out.iso"));
                TempOwnership claim = TempOwnership.claimFolder(folder)) {
            out.stream().write(new byte[4096]);
            System.out.println("ready");
            System.out.flush();
            System.in.read();
        }
    }

    @Test
    void aLiveProcessesTemporariesAreKeptAndAKilledOnesAreRemoved() throws Exception {
        Process owner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TempOwnershipTest.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            assertThat(r.readLine()).isEqualTo("ready");
            assertThat(AtomicOutput.cleanStale(dir)).as("a running owner's file and folder are not stale").isZero();
            assertThat(temporaries()).hasSize(2);
        } finally {
            owner.destroyForcibly();
            assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(AtomicOutput.cleanStale(dir)).as("killed: both are abandoned").isEqualTo(2);
        assertThat(temporaries()).isEmpty();
    }

    @Test
    void aFolderNotYetClaimedIsKeptForAGracePeriod() throws IOException {
        Path fresh = Files.createDirectory(dir.resolve(".a" + AtomicOutput.TEMP_MARKER + "fresh"));
        Path old = Files.createDirectory(dir.resolve(".b" + AtomicOutput.TEMP_MARKER + "old"));
        Files.writeString(old.resolve("member"), "left by a build killed before it claimed the folder");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(TempOwnership.GRACE).minusSeconds(5)));
        assertThat(AtomicOutput.cleanStale(dir)).isEqualTo(1);
        assertThat(fresh).isDirectory();
        assertThat(old).doesNotExist();
    }

    @Test
    void anOwnedTemporaryInThisProcessIsNotStale() throws IOException {
        try (AtomicOutput out = AtomicOutput.create(dir.resolve("x.iso"))) {
            assertThat(AtomicOutput.cleanStale(dir)).isZero();
            assertThat(out.tempFile()).exists();
            out.commit();
        }
        assertThat(dir.resolve("x.iso")).exists();
    }

    private java.util.List<Path> temporaries() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(AtomicOutput.TEMP_MARKER)).toList();
        }
    }
}
