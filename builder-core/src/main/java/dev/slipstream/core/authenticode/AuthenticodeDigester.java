package dev.slipstream.core.authenticode;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.pe.DataDirectory;
import dev.slipstream.core.pe.PeFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * Computes the Authenticode digest of a PE image, streamed through a fixed buffer: every byte
 * from the start of the file to the certificate table (or the end of the file), except the
 * 4-byte CheckSum field and the 8-byte SECURITY data-directory entry, which signing changes.
 *
 * <p>The specification lists the headers, then each section's raw data in file order, then "any
 * data after the last section"; for an image whose sections follow the headers without gaps (what
 * linkers write) that is this same contiguous range, and hashing the whole range leaves no byte
 * before the signature unauthenticated: the payload in a self-extractor's overlay is covered.
 * When the range does not end on an 8-byte boundary, zero bytes pad it to one, as the signer
 * (signtool, osslsigncode) does when it places the table.
 */
public final class AuthenticodeDigester {

    private static final int BUFFER = 1 << 16;

    private AuthenticodeDigester() {
    }

    /** The digest of {@code pe}'s file, open as {@code ch}, with {@code md} (reset first). */
    public static byte[] digest(FileChannel ch, PeFile pe, MessageDigest md) throws IOException {
        long end = pe.certificateTable().map(t -> t.offset()).orElse(pe.fileSize());
        long checksum = pe.checksumOffset();
        long security = pe.dataDirectoryEntryOffset(DataDirectory.SECURITY);
        if (security < 0) {
            throw BadInputException.in(pe.source()).atOffset(pe.ntHeaderOffset())
                    .hint("the image cannot carry an Authenticode signature")
                    .problem("the optional header declares no SECURITY data directory");
        }
        md.reset();
        ByteBuffer buf = ByteBuffer.allocate(BUFFER);
        long pos = 0;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(BUFFER, end - pos));
            int n = ch.read(buf, pos);
            if (n <= 0) {
                throw BadInputException.in(pe.source()).atOffset(pos).problem("the file shrank while it was being read");
            }
            update(md, buf.array(), pos, n, checksum, 4, security, 8);
            pos += n;
        }
        int pad = (int) ((8 - end % 8) % 8);
        md.update(new byte[pad]);
        return md.digest();
    }

    /** Feeds {@code b[0..n)}, which lies at file offset {@code pos}, skipping the two holes. */
    private static void update(MessageDigest md, byte[] b, long pos, int n, long hole1, int len1, long hole2, int len2) {
        int i = 0;
        while (i < n) {
            long at = pos + i;
            if (at >= hole1 && at < hole1 + len1) {
                i += (int) Math.min(n - i, hole1 + len1 - at);
                continue;
            }
            if (at >= hole2 && at < hole2 + len2) {
                i += (int) Math.min(n - i, hole2 + len2 - at);
                continue;
            }
            long nextHole = Long.MAX_VALUE;
            if (hole1 > at) {
                nextHole = hole1;
            }
            if (hole2 > at) {
                nextHole = Math.min(nextHole, hole2);
            }
            int take = (int) Math.min(n - i, nextHole - at);
            md.update(b, i, take);
            i += take;
        }
    }
}
