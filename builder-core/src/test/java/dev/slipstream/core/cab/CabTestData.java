package dev.slipstream.core.cab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** Seeded generators of the kinds of data cabinets carry: random, text, PE-like code, repetitive. */
public final class CabTestData {

    public enum Kind { RANDOM, TEXT, PE, REPETITIVE, MIXED }

    private static final String[] WORDS = {
        "setup", "driver", "[SourceDisksFiles]", "CopyFiles", "HKLM", "\\Windows\\System32", "ntoskrnl.exe",
        "the", "of", "and", "version", "5.2.3790.3959", "=", ",", "\r\n", "; comment", "service pack", "KB914961",
        "x86", "AddReg", "DelFiles", "%SystemRoot%", "1,,,,,,,2", "\"Microsoft\"", "0x00000001"
    };

    private CabTestData() {
    }

    public static byte[] generate(Kind kind, int size, long seed) {
        byte[] b = new byte[size];
        fill(kind, b, 0, size, new SplittableRandom(seed), 0);
        return b;
    }

    /** A generated stream of {@code size} bytes that never holds more than a chunk in memory. */
    public static InputStream stream(Kind kind, long size, long seed) {
        return new InputStream() {
            final SplittableRandom rnd = new SplittableRandom(seed);
            final byte[] chunk = new byte[1 << 20];
            int chunkLen;
            int chunkPos;
            long produced;
            long chunkIndex;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] dst, int off, int len) {
                if (chunkPos == chunkLen) {
                    if (produced == size) {
                        return -1;
                    }
                    chunkLen = (int) Math.min(chunk.length, size - produced);
                    fill(kind, chunk, 0, chunkLen, rnd, chunkIndex++);
                    produced += chunkLen;
                    chunkPos = 0;
                }
                int n = Math.min(len, chunkLen - chunkPos);
                System.arraycopy(chunk, chunkPos, dst, off, n);
                chunkPos += n;
                return n;
            }
        };
    }

    public static byte[] sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fill(Kind kind, byte[] b, int off, int len, SplittableRandom rnd, long chunkIndex) {
        switch (kind) {
            case RANDOM -> {
                for (int i = off; i < off + len; i++) {
                    b[i] = (byte) rnd.nextInt(256);
                }
            }
            case TEXT -> text(b, off, len, rnd);
            case PE -> pe(b, off, len, rnd);
            case REPETITIVE -> {
                byte[] unit = "ABCDABCDABCE0123456789".getBytes(StandardCharsets.US_ASCII);
                for (int i = off; i < off + len; i++) {
                    b[i] = unit[(int) ((i + chunkIndex) % unit.length)];
                }
            }
            case MIXED -> {
                int p = off;
                while (p < off + len) {
                    int n = Math.min(off + len - p, 1 + rnd.nextInt(64 * 1024));
                    Kind k = Kind.values()[rnd.nextInt(4)];
                    fill(k, b, p, n, rnd, chunkIndex);
                    p += n;
                }
            }
        }
    }

    private static void text(byte[] b, int off, int len, SplittableRandom rnd) {
        int p = off;
        int end = off + len;
        while (p < end) {
            byte[] w = WORDS[Math.min(WORDS.length - 1, (int) Math.abs(rnd.nextGaussian() * 8))].getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < w.length && p < end; i++) {
                b[p++] = w[i];
            }
            if (p < end) {
                b[p++] = ' ';
            }
        }
    }

    /** x86-like code: common opcodes, E8 calls to a set of function addresses, and small tables. */
    private static void pe(byte[] b, int off, int len, SplittableRandom rnd) {
        int[] targets = new int[64];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = rnd.nextInt(1 << 22);
        }
        byte[][] ops = {
            {(byte) 0x55}, {(byte) 0x8B, (byte) 0xEC}, {(byte) 0x83, (byte) 0xEC, 0x10}, {(byte) 0x5D}, {(byte) 0xC3},
            {(byte) 0x8B, 0x45, 0x08}, {(byte) 0x89, 0x45, (byte) 0xFC}, {0x33, (byte) 0xC0}, {0x6A, 0x00},
            {(byte) 0xFF, 0x15}, {0x74, 0x05}, {(byte) 0x85, (byte) 0xC0}
        };
        int p = off;
        int end = off + len;
        while (p < end) {
            int r = rnd.nextInt(10);
            if (r < 3 && p + 5 <= end) {
                int target = targets[rnd.nextInt(targets.length)];
                int rel = target - p;
                b[p++] = (byte) 0xE8;
                b[p++] = (byte) rel;
                b[p++] = (byte) (rel >>> 8);
                b[p++] = (byte) (rel >>> 16);
                b[p++] = (byte) (rel >>> 24);
            } else if (r < 9) {
                byte[] op = ops[rnd.nextInt(ops.length)];
                for (int i = 0; i < op.length && p < end; i++) {
                    b[p++] = op[i];
                }
            } else {
                b[p++] = (byte) rnd.nextInt(256);
            }
        }
    }
}
