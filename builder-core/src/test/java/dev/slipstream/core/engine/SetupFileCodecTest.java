package dev.slipstream.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.core.cache.CompressedOutputs;
import dev.slipstream.core.cache.PackageCache;
import dev.slipstream.core.packed.PackedTreeFileSystem;
import dev.slipstream.core.packed.PackedTreeWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
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
    private static final Instant T = Instant.parse("2007-03-01T00:00:00Z");

    private Path compressWith(CompressedOutputs kept, Path plain, String name) throws IOException {
        Path ws = Files.createTempDirectory(dir, "ws");
        try (Workspace w = Workspace.create(ws); SetupFileCodec codec = new SetupFileCodec(w, T, 1)) {
            if (kept != null) {
                codec.keepingOutputsIn(kept);
            }
            Path out = codec.compress(plain, name);
            return Files.copy(out, dir.resolve("out-" + System.nanoTime() + ".sy_"));
        }
    }

    /**
     * The bytes a build writes for a compressed file are pinned: outputs kept in the package cache
     * are keyed by {@link SetupFileCodec#OUTPUT_FORMAT}, and a build with a warm cache must write
     * what one without writes. When this fails because the encoder changed on purpose, give
     * OUTPUT_FORMAT a new value and this test the new digest.
     */
    @Test
    void theOutputFormatIsPinned() throws Exception {
        byte[] b = new byte[1_200_000];
        Random r = new Random(20261206);
        for (int i = 0; i < b.length; i++) {
            // Repeats from near and from beyond 512 KiB back, literals and E8 calls.
            b[i] = i > 700_000 && r.nextInt(3) == 0 ? b[i - 600_000 - (i % 7)] : i % 97 == 0 ? (byte) 0xE8 : (byte) (r.nextInt(16) * (i % 5));
        }
        Path plain = Files.write(dir.resolve("pinned.sys"), b);
        byte[] out = Files.readAllBytes(compressWith(null, plain, "pinned.sys"));
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(out));
        assertThat(digest).as("the compressed bytes changed: give SetupFileCodec.OUTPUT_FORMAT (now %s) a new value and "
                + "update this digest, or cached outputs of the old encoder would be mixed with new ones", SetupFileCodec.OUTPUT_FORMAT)
                .isEqualTo(PINNED);
    }

    private static final String PINNED = "9443885c95cd3e12fbf85284c7c8e0cb05350b3b5760080194476c26eb86ec25";

    @Test
    void aKeptOutputIsTakenInsteadOfCompressingAgainAndIsTheSameBytes() throws IOException {
        PackageCache cache = PackageCache.open(dir.resolve("cache"));
        CompressedOutputs kept = cache.compressedOutputs();
        Path plain = plain();
        byte[] without = Files.readAllBytes(compressWith(null, plain, "win32k.sys"));
        byte[] first = Files.readAllBytes(compressWith(kept, plain, "win32k.sys"));
        assertThat(first).isEqualTo(without);
        assertThat(kept.list()).hasSize(1);
        String key = kept.list().get(0).key();
        assertThat(key).isEqualTo(CompressedOutputs.key(SetupFileCodec.OUTPUT_FORMAT, kept.identityOf(plain), "win32k.sys", T));

        // Proof that the second build takes it: a kept output with other (valid) bytes is what it gets.
        Path other = Files.write(dir.resolve("other.sys"), "something else entirely".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.copy(compressWith(null, other, "win32k.sys"), kept.folder().resolve(key), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] second = Files.readAllBytes(compressWith(kept, plain, "win32k.sys"));
        assertThat(second).isEqualTo(Files.readAllBytes(kept.folder().resolve(key))).isNotEqualTo(without);
    }

    @Test
    void aDamagedKeptOutputIsMadeAgainAndReplaced() throws IOException {
        PackageCache cache = PackageCache.open(dir.resolve("cache"));
        CompressedOutputs kept = cache.compressedOutputs();
        Path plain = plain();
        byte[] good = Files.readAllBytes(compressWith(kept, plain, "win32k.sys"));
        Path stored = kept.folder().resolve(kept.list().get(0).key());
        byte[] damaged = good.clone();
        damaged[damaged.length - 100] ^= 0x55; // inside the last data block: its checksum fails
        Files.write(stored, damaged);
        assertThat(Files.readAllBytes(compressWith(kept, plain, "win32k.sys"))).isEqualTo(good);
        assertThat(Files.readAllBytes(stored)).isEqualTo(good);
    }

    @Test
    void anotherNameDateOrInputIsAnotherOutput() throws IOException {
        CompressedOutputs kept = PackageCache.open(dir.resolve("cache")).compressedOutputs();
        Path plain = plain();
        compressWith(kept, plain, "win32k.sys");
        compressWith(kept, plain, "other.sys");
        Path changed = Files.write(dir.resolve("changed.sys"), new byte[] {1, 2, 3});
        compressWith(kept, changed, "win32k.sys");
        assertThat(kept.list()).hasSize(3);
        assertThat(CompressedOutputs.key("f", "i", "n", T)).isNotEqualTo(CompressedOutputs.key("f", "i", "n", T.plusSeconds(2)));
    }

    @Test
    void aMemberOfACachedPackageIsNamedByThePackageNotByItsBytes() throws IOException {
        PackageCache cache = PackageCache.open(dir.resolve("cache"));
        Path pkg = Files.write(dir.resolve("KB1.exe"), new byte[] {9, 9, 9});
        PackageCache.Entry e = cache.extract(pkg, (p, to) -> {
            try (PackedTreeWriter w = PackedTreeWriter.create(to)) {
                w.declare("SP2QFE/win32k.sys", 4).write(new byte[] {1, 2, 3, 4}, 0, 4);
                w.finish();
            }
            return 1;
        });
        Path member = e.tree().resolve("SP2QFE").resolve("win32k.sys");
        assertThat(member.getFileSystem()).isInstanceOf(PackedTreeFileSystem.class);
        assertThat(cache.compressedOutputs().identityOf(member)).isEqualTo("package:" + e.sha256() + ":/SP2QFE/win32k.sys");
        Path loose = Files.write(dir.resolve("win32k.sys"), new byte[] {1, 2, 3, 4});
        assertThat(cache.compressedOutputs().identityOf(loose)).startsWith("sha256:");
    }
    @Test
    void aVersionReadOnceFromACachedPackageIsTakenFromTheCacheAfterwards() throws IOException {
        PackageCache cache = PackageCache.open(dir.resolve("cache"));
        Path packed = compressWith(null, plain(), "win32k.sys");
        byte[] bytes = Files.readAllBytes(packed);
        Path pkg = Files.write(dir.resolve("KB2.exe"), new byte[] {7});
        PackageCache.Entry e = cache.extract(pkg, (p, to) -> {
            try (PackedTreeWriter w = PackedTreeWriter.create(to)) {
                w.declare("SP2QFE/win32k.sy_", bytes.length).write(bytes, 0, bytes.length);
                w.finish();
            }
            return 1;
        });
        dev.slipstream.core.iso.ContentSource member = dev.slipstream.core.iso.ContentSource.ofFile(
                e.tree().resolve("SP2QFE").resolve("win32k.sy_"));
        var kept = cache.knownVersions();
        try (Workspace w = Workspace.create(Files.createTempDirectory(dir, "ws")); SetupFileCodec codec = new SetupFileCodec(w, T, 1)) {
            codec.keepingVersionsIn(kept);
            assertThat(codec.versionOf(member, "test")).as("not a PE image: no version").isEmpty();
        }
        // Proof that the next build does not expand it again: what is remembered is what it gets.
        try (var s = Files.list(cache.root().resolve("versions"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.writeString(p, "5.2.3790.4000\n");
            }
        }
        try (Workspace w = Workspace.create(Files.createTempDirectory(dir, "ws")); SetupFileCodec codec = new SetupFileCodec(w, T, 1)) {
            codec.keepingVersionsIn(kept);
            assertThat(codec.versionOf(member, "test")).hasValue(dev.slipstream.core.pe.FileVersion.parse("5.2.3790.4000"));
        }
    }
}
