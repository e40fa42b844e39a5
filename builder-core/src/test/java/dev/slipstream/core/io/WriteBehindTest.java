package dev.slipstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindTest {

    @TempDir
    Path dir;

    static WriteBehind.Destination atomic(Path target) throws IOException {
        AtomicOutput ao = AtomicOutput.create(target, AtomicOutput.Durability.NO_SYNC);
        return new WriteBehind.Destination() {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ao.stream().write(b, off, len);
            }

            @Override
            public void commit() throws IOException {
                ao.commit();
            }

            @Override
            public void close() throws IOException {
                ao.close();
            }
        };
    }

    @Test
    void everyFileArrivesWholeWhateverItsSizeAgainstTheChunks() throws IOException {
        Random r = new Random(7);
        int[] sizes = {0, 1, 4095, 4096, 4097, 3 * 4096, 100_000, 1 << 20};
        byte[][] data = new byte[sizes.length][];
        try (WriteBehind w = new WriteBehind("test-writer", 4096, 3, 2)) {
            for (int i = 0; i < sizes.length; i++) {
                data[i] = new byte[sizes[i]];
                r.nextBytes(data[i]);
                Path target = dir.resolve("f" + i);
                try (WriteBehind.PendingFile f = w.open(() -> atomic(target))) {
                    if (i % 2 == 0) {
                        assertThat(f.transferFrom(new ByteArrayInputStream(data[i]))).isEqualTo(sizes[i]);
                    } else {
                        // odd-sized writes across chunk boundaries
                        for (int off = 0; off < sizes[i]; off += 1000) {
                            f.write(data[i], off, Math.min(1000, sizes[i] - off));
                        }
                    }
                    f.commit();
                }
            }
            w.finish();
        }
        for (int i = 0; i < sizes.length; i++) {
            assertThat(Files.readAllBytes(dir.resolve("f" + i))).as("file %d", i).isEqualTo(data[i]);
        }
        assertThat(names()).containsExactlyInAnyOrder("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7");
    }

    @Test
    void aFileClosedWithoutCommitIsAbandoned() throws IOException {
        try (WriteBehind w = new WriteBehind("test-writer", 1024, 2, 2)) {
            try (WriteBehind.PendingFile f = w.open(() -> atomic(dir.resolve("half")))) {
                f.write(new byte[5000]);
                // the producer failed here: no commit
            }
            try (WriteBehind.PendingFile f = w.open(() -> atomic(dir.resolve("whole")))) {
                f.write(new byte[10]);
                f.commit();
            }
            w.finish();
        }
        assertThat(names()).containsExactly("whole");
    }

    @Test
    void theFirstWriteFailureReachesTheProducerAndLaterFilesAreNotCommitted() throws IOException {
        AtomicInteger opened = new AtomicInteger();
        WriteBehind w = new WriteBehind("test-writer", 1024, 2, 2);
        IOException full = new IOException("No space left on device");
        assertThatThrownBy(() -> {
            try (w) {
                try (WriteBehind.PendingFile f = w.open(() -> new WriteBehind.Destination() {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        throw full;
                    }

                    @Override
                    public void commit() {
                    }

                    @Override
                    public void close() {
                    }
                })) {
                    f.write(new byte[4096]);
                    f.commit();
                }
                for (int i = 0; i < 100; i++) {
                    Path target = dir.resolve("later" + i);
                    try (WriteBehind.PendingFile f = w.open(() -> {
                        opened.incrementAndGet();
                        return atomic(target);
                    })) {
                        f.write(new byte[3000]);
                        f.commit();
                    }
                }
                w.finish();
            }
        }).isSameAs(full);
        assertThat(names()).isEmpty();
    }

    @Test
    void theProducerNeverRunsMoreThanTheChunkBudgetAhead() throws Exception {
        AtomicInteger waiting = new AtomicInteger();
        AtomicInteger mostWaiting = new AtomicInteger();
        try (WriteBehind w = new WriteBehind("test-writer", 1024, 4, 8)) {
            try (WriteBehind.PendingFile f = w.open(() -> new WriteBehind.Destination() {
                @Override
                public void write(byte[] b, int off, int len) {
                    waiting.decrementAndGet();
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void commit() {
                }

                @Override
                public void close() {
                }
            })) {
                byte[] chunk = new byte[1024];
                for (int i = 0; i < 100; i++) {
                    f.write(chunk);
                    mostWaiting.accumulateAndGet(waiting.incrementAndGet(), Math::max);
                }
                f.commit();
            }
            w.finish();
        }
        assertThat(mostWaiting.get()).isBetween(1, 4);
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
