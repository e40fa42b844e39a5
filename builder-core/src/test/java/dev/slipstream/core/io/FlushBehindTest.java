package dev.slipstream.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlushBehindTest {

    @TempDir
    Path dir;

    @Test
    void flushingAlongsideTheWriterChangesNoByteAndLeavesTheChannelOpen() throws Exception {
        Path f = dir.resolve("image.iso");
        byte[] chunk = new byte[1 << 20];
        new Random(7).nextBytes(chunk);
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            try (FlushBehind flushing = FlushBehind.start(ch)) {
                for (int i = 0; i < 48; i++) {
                    chunk[0] = (byte) i;
                    expected.update(chunk);
                    ByteBuffer b = ByteBuffer.wrap(chunk);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    if (i % 8 == 0) {
                        Thread.sleep(60); // let flushes run between writes
                    }
                }
            }
            // Stopping the flusher must never close the writer's channel (an interrupt in force() would).
            assertThat(ch.isOpen()).isTrue();
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            expected.update(new byte[] {1, 2, 3});
            ch.force(true);
        }
        assertThat(Files.size(f)).isEqualTo(48L * (1 << 20) + 3);
        assertThat(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))).isEqualTo(expected.digest());
    }

    @Test
    void closingAnIdleFlusherReturnsAtOnceAndTwiceIsHarmless() throws Exception {
        try (FileChannel ch = FileChannel.open(dir.resolve("x"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            FlushBehind flushing = FlushBehind.start(ch);
            long t0 = System.nanoTime();
            flushing.close();
            flushing.close();
            assertThat(System.nanoTime() - t0).as("close does not wait out the 100 ms period").isLessThan(2_000_000_000L);
            assertThat(ch.isOpen()).isTrue();
        }
    }
}
