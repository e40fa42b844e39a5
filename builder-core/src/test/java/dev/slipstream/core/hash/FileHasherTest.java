package dev.slipstream.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The one-read, many-threads pipeline gives exactly what hashing in memory gives. */
class FileHasherTest {

    private static final Set<HashAlgorithm> ALL = EnumSet.allOf(HashAlgorithm.class);
    private static final int CHUNK = 4096;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sizesAroundChunkBoundariesWithOneTwoAndThreeThreads() throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        int[] sizes = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17, 40 * CHUNK + 4095};
        for (int size : sizes) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            Path f = Files.write(dir.resolve("f" + size + ".bin"), data);
            HashResult expected = FileHasher.hash(data, ALL);
            for (int threads = 1; threads <= 3; threads++) {
                // A ring of 3 small chunks forces the reader to wait for slow consumers often.
                HashResult r = new FileHasher(ALL, threads, CHUNK, 3).hash(f);
                assertThat(r.size()).isEqualTo(size);
                assertThat(r.hashes()).as("size %d, %d threads", size, threads).isEqualTo(expected.hashes());
                assertThat(r.name()).isEqualTo(f.toString());
            }
        }
    }

    @Test
    void onlyTheSelectedAlgorithmsAreComputed() throws IOException {
        Path f = Files.write(dir.resolve("abc"), "abc".getBytes());
        HashResult r = new FileHasher(EnumSet.of(HashAlgorithm.SHA1, HashAlgorithm.CRC32)).hash(f);
        assertThat(r.hashes()).containsOnlyKeys(HashAlgorithm.CRC32, HashAlgorithm.SHA1);
        assertThat(r.hex(HashAlgorithm.SHA1)).isEqualTo("A9993E364706816ABA3E25717850C26C9CD0D89D");
    }

    @Test
    void aMissingFileOrADirectoryIsAnIoErrorNamingIt() {
        assertThatThrownBy(() -> new FileHasher(ALL).hash(dir.resolve("nope.exe")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope.exe");
        assertThatThrownBy(() -> new FileHasher(ALL).hash(dir))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("is a directory");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aFailingConsumerStopsTheRunWithoutHanging() {
        byte[] data = new byte[50 * CHUNK];
        AtomicInteger calls = new AtomicInteger();
        StreamConsumer failing = (b, off, len) -> {
            if (calls.incrementAndGet() == 5) {
                throw new IllegalStateException("boom");
            }
        };
        StreamConsumer fine = (b, off, len) -> { };
        ParallelFeeder feeder = new ParallelFeeder(2, CHUNK, 2);
        assertThatThrownBy(() -> feeder.feed(Channels.newChannel(new ByteArrayInputStream(data)), List.of(fine, failing, fine)))
                .isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aReadErrorIsReportedAndTheWorkersStop() {
        InputStream broken = new InputStream() {
            private int left = 10 * CHUNK;

            @Override
            public int read() throws IOException {
                throw new IOException("disk on fire");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    throw new IOException("disk on fire");
                }
                int n = Math.min(len, left);
                left -= n;
                return n;
            }
        };
        ParallelFeeder feeder = new ParallelFeeder(2, CHUNK, 2);
        StreamConsumer fine = (b, off, len) -> { };
        assertThatThrownBy(() -> feeder.feed(Channels.newChannel(broken), List.of(fine, fine)))
                .isInstanceOf(IOException.class).hasMessage("disk on fire");
    }
}
