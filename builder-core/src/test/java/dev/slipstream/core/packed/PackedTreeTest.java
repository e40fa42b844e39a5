package dev.slipstream.core.packed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackedTreeTest {

    @TempDir
    Path dir;

    private static Map<String, byte[]> members() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        Random r = new Random(7);
        String[] names = {"i386/kernel32.dll", "i386/sp2.cab", "i386/empty.txt", "update/update.exe", "i386/sub/deep/x.inf",
            "README.TXT"};
        int[] sizes = {70_000, 300_000, 0, 5, 1, 12};
        for (int i = 0; i < names.length; i++) {
            byte[] b = new byte[sizes[i]];
            r.nextBytes(b);
            m.put(names[i], b);
        }
        return m;
    }

    private Path write(Map<String, byte[]> members) throws IOException {
        Path pack = dir.resolve("t.pack");
        try (PackedTreeWriter w = PackedTreeWriter.create(pack)) {
            Map<String, PackedTreeWriter.Slot> slots = new LinkedHashMap<>();
            members.forEach((n, b) -> slots.put(n, w.declare(n, b.length)));
            // Written in reverse order and in two halves: places are fixed by the declarations.
            List<String> names = List.copyOf(members.keySet());
            for (int i = names.size() - 1; i >= 0; i--) {
                byte[] b = members.get(names.get(i));
                slots.get(names.get(i)).write(b, 0, b.length / 2);
                slots.get(names.get(i)).write(b, b.length / 2, b.length - b.length / 2);
            }
            w.finish();
        }
        return pack;
    }

    @Test
    void filesAndFoldersReadBackThroughTheFilesApi() throws IOException {
        Map<String, byte[]> m = members();
        Path root = PackedTreeFileSystem.open(write(m));
        for (var e : m.entrySet()) {
            Path p = root.resolve(e.getKey());
            assertThat(Files.isRegularFile(p)).as(e.getKey()).isTrue();
            assertThat(Files.size(p)).isEqualTo(e.getValue().length);
            assertThat(Files.readAllBytes(p)).isEqualTo(e.getValue());
            try (var in = Files.newInputStream(p)) {
                assertThat(in.readAllBytes()).isEqualTo(e.getValue());
            }
        }
        try (Stream<Path> s = Files.list(root)) {
            assertThat(s.map(Path::toString)).containsExactly("/README.TXT", "/i386", "/update");
        }
        try (Stream<Path> s = Files.walk(root)) {
            assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(m.size());
        }
        assertThat(Files.isDirectory(root.resolve("i386/sub/deep"))).isTrue();
        assertThat(Files.exists(root.resolve("i386/missing.dll"))).isFalse();
        assertThat(Files.exists(root.resolve("I386/KERNEL32.DLL"))).as("names are exact, as on Linux").isFalse();
        assertThatThrownBy(() -> Files.size(root.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> Files.list(root.resolve("README.TXT"))).isInstanceOf(NotDirectoryException.class);
    }

    @Test
    void channelsReadPositionallyAndTransferOnlyTheirMember() throws IOException {
        Map<String, byte[]> m = members();
        Path root = PackedTreeFileSystem.open(write(m));
        byte[] cab = m.get("i386/sp2.cab");
        try (FileChannel ch = FileChannel.open(root.resolve("i386/sp2.cab"), StandardOpenOption.READ)) {
            assertThat(ch.size()).isEqualTo(cab.length);
            ByteBuffer b = ByteBuffer.allocate(100);
            assertThat(ch.read(b, cab.length - 40)).isEqualTo(40); // never past the member's end
            assertThat(b.flip().get(0)).isEqualTo(cab[cab.length - 40]);
            assertThat(ch.read(ByteBuffer.allocate(1), cab.length)).isEqualTo(-1);
            assertThat(ch.map(FileChannel.MapMode.READ_ONLY, 10, 5).get(0)).isEqualTo(cab[10]);
            Path out = dir.resolve("copy.bin");
            try (FileChannel w = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long done = 0;
                while (done < cab.length) {
                    done += ch.transferTo(done, Long.MAX_VALUE, w);
                }
                assertThat(ch.transferTo(done, 10, w)).isZero();
            }
            assertThat(out).hasBinaryContent(cab);
        }
        assertThatThrownBy(() -> FileChannel.open(root.resolve("i386/sp2.cab"), StandardOpenOption.WRITE))
                .isInstanceOf(ReadOnlyFileSystemException.class);
        assertThatThrownBy(() -> Files.delete(root.resolve("i386/sp2.cab"))).isInstanceOf(ReadOnlyFileSystemException.class);
        // Messages name the member inside its pack.
        assertThat(dev.slipstream.core.iso.ContentSource.ofFile(root.resolve("i386/sp2.cab")).describe())
                .isEqualTo(dir.resolve("t.pack") + "!/i386/sp2.cab");
        // Copying out to the disk works, as the out-tree and the check do it.
        Path copied = dir.resolve("kernel32.dll");
        Files.copy(root.resolve("i386/kernel32.dll"), copied);
        assertThat(copied).hasBinaryContent(m.get("i386/kernel32.dll"));
    }

    @Test
    void pathsBehaveAsUnixPaths() throws IOException {
        Path root = PackedTreeFileSystem.open(write(members()));
        Path p = root.resolve("i386").resolve("sub/deep/x.inf");
        assertThat(p.toString()).isEqualTo("/i386/sub/deep/x.inf");
        assertThat(p.getFileName().toString()).isEqualTo("x.inf");
        assertThat(p.getParent().getParent()).isEqualTo(root.resolve("i386/sub"));
        assertThat(p.startsWith(root.resolve("i386"))).isTrue();
        assertThat(p.startsWith(root.resolve("i38"))).isFalse();
        assertThat(p.endsWith(root.getFileSystem().getPath("deep/x.inf"))).isTrue();
        assertThat(root.resolve("i386/../update/./update.exe").normalize()).isEqualTo(root.resolve("update/update.exe"));
        assertThat(root.resolve("i386").relativize(root.resolve("update/update.exe")).toString()).isEqualTo("../update/update.exe");
        assertThat(root.resolve("i386/sub/../kernel32.dll").toRealPath()).isEqualTo(root.resolve("i386/kernel32.dll"));
        assertThat(root.getFileSystem().getPathMatcher("glob:**/*.inf").matches(p)).isTrue();
        assertThat(p.getNameCount()).isEqualTo(4);
        assertThat(p.subpath(1, 3).toString()).isEqualTo("sub/deep");
        assertThat(p.toAbsolutePath().normalize().startsWith(root)).isTrue();
    }

    @Test
    void theWriterRefusesBadNamesAndAPackNotFinishedIsDeleted() throws IOException {
        Path pack = dir.resolve("bad.pack");
        try (PackedTreeWriter w = PackedTreeWriter.create(pack)) {
            for (String bad : new String[] {"", "/abs", "a/../b", "a//b", "a\\b", "dir/"}) {
                assertThatThrownBy(() -> w.declare(bad, 1)).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
            w.declare("a/b", 1);
            assertThatThrownBy(() -> w.declare("a", 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> w.declare("a/b/c", 1)).isInstanceOf(IllegalArgumentException.class);
            PackedTreeWriter.Slot s = w.declare("c", 2);
            assertThatThrownBy(() -> s.write(new byte[3], 0, 3)).isInstanceOf(IOException.class);
            s.write(new byte[1], 0, 1);
            assertThatThrownBy(w::finish).hasMessageContaining("'a/b' got 0 of its 1 bytes");
        }
        assertThat(pack).doesNotExist();
    }

    /** Rewrites the trailer's index offset and count, and re-seals the index's CRC when asked. */
    private static void patchTrailer(Path pack, long indexOffset, int count) throws IOException {
        try (FileChannel ch = FileChannel.open(pack, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer t = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(indexOffset).putInt(count).flip();
            ch.write(t, ch.size() - PackedTreeFormat.TRAILER_SIZE);
        }
    }

    private static void patchIndex(Path pack, int at, byte[] bytes) throws IOException {
        byte[] all = Files.readAllBytes(pack);
        ByteBuffer t = ByteBuffer.wrap(all, all.length - PackedTreeFormat.TRAILER_SIZE, 12).order(ByteOrder.LITTLE_ENDIAN);
        int indexOffset = (int) t.getLong();
        System.arraycopy(bytes, 0, all, indexOffset + at, bytes.length);
        CRC32 crc = new CRC32();
        crc.update(all, indexOffset, all.length - PackedTreeFormat.TRAILER_SIZE - indexOffset);
        ByteBuffer.wrap(all, all.length - 12, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue());
        Files.write(pack, all);
    }

    @Test
    void damagedPacksAreRefusedWholeWithWhereAndWhat() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("a/b.dll", new byte[] {1, 2, 3, 4});
        m.put("x/y.dll", new byte[] {5});
        Path good = write(m);
        byte[] original = Files.readAllBytes(good);
        record Case(String expect, IoAction damage) {
        }
        List<Case> cases = List.of(
                new Case("cut short", p -> Files.write(p, java.util.Arrays.copyOf(original, original.length - 1))),
                new Case("shorter than an empty packed tree", p -> Files.write(p, new byte[10])),
                new Case("signature", p -> {
                    byte[] b = original.clone();
                    b[0] = 'X';
                    Files.write(p, b);
                }),
                new Case("fails its CRC-32", p -> {
                    byte[] b = original.clone();
                    b[b.length - PackedTreeFormat.TRAILER_SIZE - 1] ^= 1;
                    Files.write(p, b);
                }),
                new Case("impossible index", p -> patchTrailer(p, 3, 2)),
                new Case("impossible index", p -> patchTrailer(p, 8 + 5, 1_000_000)),
                // member 1's offset (after u16 length and "a/b.dll") pointed past the data area
                new Case("outside the data area", p -> patchIndex(p, 2 + 7, new byte[] {(byte) 0xF0, 0x7F, 0, 0, 0, 0, 0, 0})),
                new Case("invalid name", p -> patchIndex(p, 2, "../b.dll".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
                new Case("listed twice", p -> patchIndex(p, 2 + 7 + 16 + 2, "a/b.dll".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        for (Case c : cases) {
            Files.write(good, original);
            c.damage().run(good);
            assertThatThrownBy(() -> PackedTreeFileSystem.open(good)).as(c.expect())
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(good.toString())
                    .hasMessageContaining(c.expect());
        }
    }

    @FunctionalInterface
    interface IoAction {
        void run(Path p) throws IOException;
    }
}
