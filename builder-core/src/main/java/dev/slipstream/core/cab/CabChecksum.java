package dev.slipstream.core.cab;

/**
 * The CFDATA checksum of [MS-CAB]: an XOR of little-endian 32-bit words, with the 1 to 3 trailing
 * bytes folded in big-endian order. It covers the block's data and then its cbData and cbUncomp
 * fields. A stored checksum of 0 means "not computed"; a writer must never emit 0 for a real
 * checksum because gcab rejects it (see {@link #forBlock}).
 */
public final class CabChecksum {

    private CabChecksum() {
    }

    private static final java.lang.invoke.VarHandle LONG_LE =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** Folds {@code len} bytes of {@code buf} at {@code off} into {@code seed}. */
    public static int update(int seed, byte[] buf, int off, int len) {
        int csum = seed;
        int i = off;
        int words = len >>> 2;
        // Two little-endian words at a time: the XOR of 64-bit reads, folded, is the XOR of the 32-bit words.
        long wide = 0;
        int pairs = words >>> 1;
        for (int p = 0; p < pairs; p++, i += 8) {
            wide ^= (long) LONG_LE.get(buf, i);
        }
        csum ^= (int) wide ^ (int) (wide >>> 32);
        if ((words & 1) != 0) {
            csum ^= (buf[i] & 0xFF) | (buf[i + 1] & 0xFF) << 8 | (buf[i + 2] & 0xFF) << 16 | (buf[i + 3] & 0xFF) << 24;
            i += 4;
        }
        int ul = 0;
        switch (len & 3) {
            case 3:
                ul |= (buf[i++] & 0xFF) << 16;
                // fall through
            case 2:
                ul |= (buf[i++] & 0xFF) << 8;
                // fall through
            case 1:
                ul |= buf[i] & 0xFF;
                break;
            default:
                break;
        }
        return csum ^ ul;
    }

    /**
     * The checksum to store in a CFDATA header for {@code compressedLen} bytes of data at
     * {@code off}, whose block decompresses to {@code uncompressedLen} bytes.
     */
    public static int forBlock(byte[] data, int off, int compressedLen, int uncompressedLen) {
        int sum = update(0, data, off, compressedLen);
        byte[] sizes = {
            (byte) compressedLen, (byte) (compressedLen >>> 8),
            (byte) uncompressedLen, (byte) (uncompressedLen >>> 8)
        };
        return update(sum, sizes, 0, 4);
    }
}
