package dev.slipstream.core.pe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The PE image checksum (the algorithm of imagehlp's CheckSumMappedFile): a 16-bit one's-complement
 * style sum of the file's little-endian words, with the CheckSum field itself counted as zero,
 * plus the file length. Kernel-mode drivers must carry a correct one.
 *
 * <p>Incremental, so a writer can feed the bytes as it produces them and a verifier can stream a
 * file of any size.
 */
public final class PeChecksum {

    private final long checksumOffset;
    private long sum;
    private long position;
    /** The low byte of a word split across two updates, or -1. */
    private int pendingLow = -1;

    /** @param checksumOffset the file offset of the CheckSum field ({@link PeFile#checksumOffset()}) */
    public PeChecksum(long checksumOffset) {
        this.checksumOffset = checksumOffset;
    }

    public PeChecksum update(byte[] b, int off, int len) {
        int i = 0;
        while (i < len) {
            if (pendingLow >= 0 || len - i < 2 || nearChecksum(position)) {
                update(b[off + i++]);
            } else {
                // The common case: a whole word clear of the CheckSum field.
                sum += (b[off + i] & 0xFF) | ((b[off + i + 1] & 0xFF) << 8);
                sum = (sum & 0xFFFF) + (sum >>> 16);
                i += 2;
                position += 2;
            }
        }
        return this;
    }

    private boolean nearChecksum(long pos) {
        return pos + 2 > checksumOffset && pos < checksumOffset + 4;
    }

    public PeChecksum update(byte[] b) {
        return update(b, 0, b.length);
    }

    private void update(byte value) {
        int v = value & 0xFF;
        if (position >= checksumOffset && position < checksumOffset + 4) {
            v = 0;
        }
        position++;
        if (pendingLow < 0) {
            pendingLow = v;
        } else {
            sum += pendingLow | (v << 8);
            sum = (sum & 0xFFFF) + (sum >>> 16);
            pendingLow = -1;
        }
    }

    /** The checksum of the bytes fed so far, taken as the whole file. */
    public long value() {
        long s = sum;
        if (pendingLow >= 0) {
            s += pendingLow;
            s = (s & 0xFFFF) + (s >>> 16);
        }
        s = (s & 0xFFFF) + (s >>> 16);
        return (s + position) & 0xFFFFFFFFL;
    }

    /** The checksum of {@code file}, streamed. */
    public static long of(Path file) throws IOException {
        try (PeReader r = PeReader.open(file); FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            PeChecksum c = new PeChecksum(r.pe().checksumOffset());
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (ch.read(buf.clear()) > 0) {
                c.update(buf.array(), 0, buf.position());
            }
            return c.value();
        }
    }
}
