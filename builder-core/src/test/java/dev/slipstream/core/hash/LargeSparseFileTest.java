package dev.slipstream.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipstream.testing.ExternalTool;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file over 4 GiB (created sparse, so it costs no disk): sizes and offsets past 32 bits, and a
 * constant-memory read (the test JVM has a 2 GiB heap). Python's hashlib and zlib are the judges.
 * Only CRC32, CRC64 and SHA-256 run here to keep the test short; the other algorithms share the
 * same reader and are checked against 7-Zip elsewhere.
 */
class LargeSparseFileTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void hashesAFileLargerThanFourGibibytes() throws Exception {
        ExternalTool python = ExternalTool.require("python3", "python3");
        Path f = dir.resolve("big.bin");
        long size = (4L << 30) + 4099;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(size);
            // A few non-zero bytes: at the start, straddling the 4 GiB mark, and the last byte.
            raf.seek(0);
            raf.write(new byte[] {'S', 'P', '2'});
            raf.seek((4L << 30) - 2);
            raf.write(new byte[] {1, 2, 3, 4});
            raf.seek(size - 1);
            raf.write(0x7F);
        }
        HashResult r = new FileHasher(EnumSet.of(HashAlgorithm.CRC32, HashAlgorithm.CRC64, HashAlgorithm.SHA256)).hash(f);
        assertThat(r.size()).isEqualTo(size);

        String[] judged = python.run(dir, 200, "-c", String.join("\n",
                "import hashlib, sys, zlib",
                "h = hashlib.sha256(); c = 0",
                "with open(sys.argv[1], 'rb') as f:",
                "    for b in iter(lambda: f.read(1 << 22), b''):",
                "        h.update(b); c = zlib.crc32(b, c)",
                "print('%08X %s' % (c, h.hexdigest()))"), f.toString())
                .assertSuccess("python3 hashlib").stdout().trim().split(" ");
        assertThat(r.hex(HashAlgorithm.CRC32)).isEqualTo(judged[0]);
        assertThat(r.hex(HashAlgorithm.SHA256)).isEqualTo(judged[1].toUpperCase(Locale.ROOT));
        assertThat(r.hex(HashAlgorithm.CRC64)).isEqualTo(crc64ByDefinition(size));
    }

    /**
     * CRC-64/XZ of this file computed from the definition, independently of our sliced tables:
     * the zero runs are skipped with the fact that the CRC register evolves linearly, by repeated
     * squaring of the "feed one zero byte" operator over GF(2).
     */
    private static String crc64ByDefinition(long size) {
        long reg = -1L;
        reg = feed(reg, new byte[] {'S', 'P', '2'});
        reg = zeros(reg, (4L << 30) - 2 - 3);
        reg = feed(reg, new byte[] {1, 2, 3, 4});
        reg = zeros(reg, size - 1 - ((4L << 30) + 2));
        reg = feed(reg, new byte[] {0x7F});
        return String.format("%016X", ~reg);
    }

    private static long feed(long reg, byte[] data) {
        for (byte b : data) {
            reg ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                reg = (reg & 1) != 0 ? (reg >>> 1) ^ 0xC96C5795D7870F42L : reg >>> 1;
            }
        }
        return reg;
    }

    /** Applies "feed n zero bytes" to the register: M^n with M the 64x64 one-zero-byte matrix. */
    private static long zeros(long reg, long n) {
        long[] op = new long[64];
        for (int i = 0; i < 64; i++) {
            op[i] = feed(1L << i, new byte[1]); // column i: image of basis vector i
        }
        while (n > 0) {
            if ((n & 1) != 0) {
                reg = apply(op, reg);
            }
            op = compose(op, op);
            n >>>= 1;
        }
        return reg;
    }

    private static long apply(long[] op, long v) {
        long r = 0;
        for (int i = 0; i < 64; i++) {
            if ((v >>> i & 1) != 0) {
                r ^= op[i];
            }
        }
        return r;
    }

    private static long[] compose(long[] a, long[] b) {
        long[] r = new long[64];
        for (int i = 0; i < 64; i++) {
            r[i] = apply(a, b[i]);
        }
        return r;
    }
}
