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
 * constant-memory read (the test JVM has a 2 GiB heap). Python's hashlib judges SHA-256; the CRCs
 * are computed from their definitions with the zero runs skipped algebraically, so only two
 * programs stream the 4 GiB. Only CRC32, CRC64 and SHA-256 run here to keep the test short; the
 * other algorithms share the same reader and are checked against 7-Zip elsewhere.
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

        String sha256 = python.run(dir, 200, "-c", String.join("\n",
                "import hashlib, sys",
                "h = hashlib.sha256()",
                "with open(sys.argv[1], 'rb') as f:",
                "    for b in iter(lambda: f.read(1 << 22), b''):",
                "        h.update(b)",
                "print(h.hexdigest())"), f.toString())
                .assertSuccess("python3 hashlib").stdout().trim();
        assertThat(r.hex(HashAlgorithm.SHA256)).isEqualTo(sha256.toUpperCase(Locale.ROOT));
        assertThat(r.hex(HashAlgorithm.CRC32)).isEqualTo(String.format("%08X", crcByDefinition(CRC32_POLY, 0xFFFFFFFFL, size)));
        assertThat(r.hex(HashAlgorithm.CRC64)).isEqualTo(String.format("%016X", crcByDefinition(CRC64_POLY, -1L, size)));
    }

    /** Reflected polynomials: CRC-32/ISO-HDLC and CRC-64/XZ. */
    private static final long CRC32_POLY = 0xEDB88320L;
    private static final long CRC64_POLY = 0xC96C5795D7870F42L;

    /**
     * A reflected CRC of this file (init and final XOR {@code ones}) from the bit-at-a-time
     * definition, independent of the table-driven code under test. The CRC register evolves
     * linearly over GF(2) while zeros are fed, so each zero run is one matrix power (repeated
     * squaring) instead of four billion steps.
     */
    private static long crcByDefinition(long poly, long ones, long size) {
        long reg = ones;
        reg = feed(poly, reg, new byte[] {'S', 'P', '2'});
        reg = zeros(poly, reg, (4L << 30) - 2 - 3);
        reg = feed(poly, reg, new byte[] {1, 2, 3, 4});
        reg = zeros(poly, reg, size - 1 - ((4L << 30) + 2));
        reg = feed(poly, reg, new byte[] {0x7F});
        return reg ^ ones;
    }

    private static long feed(long poly, long reg, byte[] data) {
        for (byte b : data) {
            reg ^= b & 0xFF;
            for (int k = 0; k < 8; k++) {
                reg = (reg & 1) != 0 ? (reg >>> 1) ^ poly : reg >>> 1;
            }
        }
        return reg;
    }

    /** Applies "feed n zero bytes" to the register: M^n with M the one-zero-byte matrix. */
    private static long zeros(long poly, long reg, long n) {
        long[] op = new long[64];
        for (int i = 0; i < 64; i++) {
            op[i] = feed(poly, 1L << i, new byte[1]); // column i: the image of basis vector i
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
