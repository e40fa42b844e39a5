package dev.slipstream.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupFileCodecTest {

    @TempDir
    Path dir;

    private Path plain() throws IOException {
        byte[] b = new byte[300_000];
        Random r = new Random(3);
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextInt(8) * (i % 13));
        }
        return Files.write(dir.resolve("win32k.sys"), b);
    }

    @Test
    void aCompressionStartedAheadGivesTheSameBytesAsOneDoneOnTheSpot() throws IOException {
        Path plain = plain();
        Instant t = Instant.parse("2007-03-01T00:00:00Z");
        try (Workspace ws = Workspace.create(dir.resolve("ws")); SetupFileCodec codec = new SetupFileCodec(ws, t, 2)) {
            Path direct = codec.compress(plain, "win32k.sys");
            codec.compressAhead(plain, "win32k.sys");
            Path ahead = codec.compress(plain, "win32k.sys");
            assertThat(ahead).isNotEqualTo(direct);
            assertThat(Files.readAllBytes(ahead)).isEqualTo(Files.readAllBytes(direct));
            Path back = codec.expand(dev.slipstream.core.iso.ContentSource.ofFile(ahead)).file();
            assertThat(Files.readAllBytes(back)).isEqualTo(Files.readAllBytes(plain));
        }
    }

    @Test
    void closingStopsCompressionsNobodyCollectedBeforeTheWorkspaceGoes() throws IOException {
        Path plain = plain();
        Path root;
        try (Workspace ws = Workspace.create(dir.resolve("ws"))) {
            root = ws.root();
            SetupFileCodec codec = new SetupFileCodec(ws, Instant.EPOCH, 1);
            for (int i = 0; i < 4; i++) {
                codec.compressAhead(plain, "file" + i + ".sys");
            }
            codec.close();
        }
        assertThat(root).doesNotExist();
    }
}
