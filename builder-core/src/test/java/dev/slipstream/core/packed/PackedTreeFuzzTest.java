package dev.slipstream.core.packed;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.slipstream.testing.FuzzOutcome;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target: a packed tree file (a package cache entry, which a crash, a full disk or a bad disk
 * can damage). The harness seals the index's CRC over the mutated bytes first, so that mutations
 * reach the index parser instead of stopping at the CRC. Opens the tree, walks it, and reads every
 * file through a stream and through a channel: each must deliver exactly its declared size, and
 * never a byte outside the pack's data area.
 */
class PackedTreeFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void pack(byte[] data) throws Exception {
        FuzzOutcome.expectResultOrTyped("packed", () -> {
            Path file = FuzzOutcome.scratchFile("fuzz.pack", sealed(data));
            walkAndRead(file);
        });
    }

    /** The input with the trailer's CRC set to that of the index it points at, when it points inside the file. */
    static byte[] sealed(byte[] data) {
        byte[] b = data.clone();
        int trailer = b.length - PackedTreeFormat.TRAILER_SIZE;
        if (trailer < PackedTreeFormat.HEADER_SIZE) {
            return b;
        }
        ByteBuffer t = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long indexOffset = t.getLong(trailer);
        if (indexOffset >= 0 && indexOffset <= trailer) {
            CRC32 crc = new CRC32();
            crc.update(b, (int) indexOffset, trailer - (int) indexOffset);
            t.putInt(trailer + 12, (int) crc.getValue());
        }
        return b;
    }

    static void walkAndRead(Path file) throws Exception {
        Path root = PackedTreeFileSystem.open(file);
        long packSize = Files.size(file);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                long declared = Files.size(p);
                if (declared > packSize) {
                    throw new AssertionError(p + " declares " + declared + " bytes in a pack of " + packSize);
                }
                long n = 0;
                try (InputStream in = Files.newInputStream(p)) {
                    byte[] buf = new byte[8192];
                    for (int k; (k = in.read(buf)) > 0; ) {
                        n += k;
                    }
                }
                if (n != declared) {
                    throw new AssertionError(p + ": declared " + declared + " bytes, delivered " + n);
                }
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    ByteBuffer one = ByteBuffer.allocate(1);
                    if (declared > 0 && ch.read(one, declared - 1) != 1) {
                        throw new AssertionError(p + ": its last byte cannot be read");
                    }
                    if (ch.read(one.clear(), declared) != -1) {
                        throw new AssertionError(p + ": a byte past its end was read");
                    }
                }
            }
        }
    }

    static final Path SEEDS = Path.of("src/test/resources/dev/slipstream/core/packed/PackedTreeFuzzTestInputs/pack");

    /** Writes the seeds: packs as a build's extraction leaves them (an empty one, one file, SP2's and a hotfix's layout). */
    static void writeSeeds(Path dir) throws Exception {
        Files.createDirectories(dir);
        seed(dir.resolve("empty.pack"), new String[0], new int[0]);
        seed(dir.resolve("one-file.pack"), new String[] {"README.TXT"}, new int[] {40});
        seed(dir.resolve("service-pack.pack"), new String[] {"i386/kernel32.dl_", "i386/sp2.cab", "i386/sp2.cat",
            "i386/update/update.exe", "i386/update/update.inf", "i386/empty.txt"}, new int[] {300, 700, 90, 250, 120, 0});
        seed(dir.resolve("hotfix.pack"), new String[] {"SP2GDR/user32.dll", "SP2QFE/user32.dll", "SP2QFE/wow/wuser32.dll",
            "update/KB925902.cat", "spmsg.dll"}, new int[] {200, 210, 150, 60, 80});
    }

    private static void seed(Path p, String[] names, int[] sizes) throws Exception {
        Files.deleteIfExists(p);
        try (PackedTreeWriter w = PackedTreeWriter.create(p)) {
            java.util.List<PackedTreeWriter.Slot> slots = new java.util.ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                slots.add(w.declare(names[i], sizes[i]));
            }
            for (int i = 0; i < names.length; i++) {
                byte[] b = new byte[sizes[i]];
                for (int j = 0; j < b.length; j++) {
                    b[j] = (byte) (j * 31 + i * 7);
                }
                slots.get(i).write(b, 0, b.length);
            }
            w.finish();
        }
    }

    /** The committed seeds are what {@link #writeSeeds} writes today (so they follow the format), and each opens. */
    @Test
    void seedsAreTheWritersOwnPacks(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        writeSeeds(tmp);
        try (Stream<Path> s = Files.list(tmp)) {
            var fresh = s.toList();
            assertThat(fresh).hasSize(4);
            for (Path p : fresh) {
                Path committed = SEEDS.resolve(p.getFileName());
                assertThat(committed).as("regenerate with PackedTreeFuzzTest.writeSeeds").hasSameBinaryContentAs(p);
                walkAndRead(committed);
            }
        }
    }
}
