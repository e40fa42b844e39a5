package dev.slipstream.core.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * CRC-64 in the form XZ and 7-Zip use (ECMA-182 polynomial, reflected, initial value and final
 * XOR all ones; "123456789" gives 995DC9BBDF1939FA).
 *
 * <p>Slicing-by-8: eight 256-entry tables let one step consume eight bytes with eight
 * independent lookups instead of eight dependent ones, about five times the speed of the
 * byte-at-a-time loop.
 */
public final class Crc64Xz implements StreamingHash {

    /** The ECMA-182 polynomial 0x42F0E1EBA9EA3693, bit-reversed. */
    static final long POLY_REFLECTED = 0xC96C5795D7870F42L;

    private static final long[][] TABLES = buildTables();
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private long crc = -1L;

    @Override
    public HashAlgorithm algorithm() {
        return HashAlgorithm.CRC64;
    }

    private static long[][] buildTables() {
        long[][] t = new long[8][256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY_REFLECTED : c >>> 1;
            }
            t[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            long c = t[0][n];
            for (int k = 1; k < 8; k++) {
                c = t[0][(int) c & 0xFF] ^ (c >>> 8);
                t[k][n] = c;
            }
        }
        return t;
    }

    @Override
    public void update(byte[] b, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        long c = crc;
        long[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
        long[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
        int end = off + len;
        int fastEnd = off + (len & ~7);
        int i = off;
        for (; i < fastEnd; i += 8) {
            long x = c ^ (long) LONG_LE.get(b, i);
            c = t7[(int) x & 0xFF]
                    ^ t6[(int) (x >>> 8) & 0xFF]
                    ^ t5[(int) (x >>> 16) & 0xFF]
                    ^ t4[(int) (x >>> 24) & 0xFF]
                    ^ t3[(int) (x >>> 32) & 0xFF]
                    ^ t2[(int) (x >>> 40) & 0xFF]
                    ^ t1[(int) (x >>> 48) & 0xFF]
                    ^ t0[(int) (x >>> 56)];
        }
        for (; i < end; i++) {
            c = t0[((int) c ^ b[i]) & 0xFF] ^ (c >>> 8);
        }
        crc = c;
    }

    /** The CRC so far, as a number (the digest is its big-endian bytes). */
    public long value() {
        return ~crc;
    }

    @Override
    public byte[] digest() {
        long v = value();
        byte[] out = new byte[8];
        for (int k = 0; k < 8; k++) {
            out[k] = (byte) (v >>> (56 - 8 * k));
        }
        return out;
    }
}
