package dev.slipstream.core.pkg.addon;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Refuses a {@code .7z} whose compressed ("encoded") header declares more bytes, once unpacked,
 * than a pack of its size can describe, before commons-compress reads it. {@code SevenZFile}
 * unpacks such a header whole into memory, and its memory limit bounds the decoder and the header
 * structures, not that buffer: a pack of a few KiB could make it allocate hundreds of MiB (an LZMA
 * stream of zeros unpacks a thousandfold).
 *
 * <p>Only the start header and the encoded header's stream description are read, each field
 * checked against the bytes there are. Anything this reader does not follow (a plain header, an
 * odd layout, damage) is left to {@code SevenZFile}, whose errors are precise.
 */
final class SevenZipHeaderBound {

    /** A header's description of a pack's files is never larger than this, whatever the pack. */
    static final long MAX_HEADER = 64L << 20;
    /** Unpacked header bytes allowed per byte of pack (7-Zip's headers shrink 3-10 times). */
    static final int HEADER_RATIO = 64;
    /** Unpacked header bytes any pack may have. */
    static final long MIN_HEADER = 1L << 20;

    private static final byte[] SIGNATURE = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
    private static final int K_END = 0x00;
    private static final int K_PACK_INFO = 0x06;
    private static final int K_UNPACK_INFO = 0x07;
    private static final int K_SIZE = 0x09;
    private static final int K_CRC = 0x0A;
    private static final int K_FOLDER = 0x0B;
    private static final int K_CODERS_UNPACK_SIZE = 0x0C;
    private static final int K_ENCODED_HEADER = 0x17;
    /** The encoded header's description is a few dozen bytes; more is not a header we judge. */
    private static final int MAX_DESCRIPTION = 64 * 1024;

    private SevenZipHeaderBound() {
    }

    /** The most unpacked header bytes a pack of {@code packSize} bytes may declare. */
    static long limit(long packSize) {
        return Math.max(MIN_HEADER, Math.min(MAX_HEADER, packSize * HEADER_RATIO));
    }

    static void check(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer start = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
            if (size < 32 || ch.read(start, 0) != 32) {
                return;
            }
            for (int i = 0; i < SIGNATURE.length; i++) {
                if (start.get(i) != SIGNATURE[i]) {
                    return;
                }
            }
            long offset = start.getLong(12);
            long length = start.getLong(20);
            if (offset < 0 || length <= 0 || length > MAX_DESCRIPTION || offset > size - 32 - length) {
                return;
            }
            ByteBuffer h = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
            while (h.hasRemaining() && ch.read(h, 32 + offset + h.position()) > 0) {
                // read it all
            }
            h.flip();
            long declared;
            try {
                declared = encodedHeaderUnpackSize(h);
            } catch (BufferUnderflowException | IllegalArgumentException e) {
                return; // not a description this reader follows: SevenZFile judges it
            }
            long limit = limit(size);
            if (declared > limit) {
                throw BadInputException.in(file).atOffset(32 + offset)
                        .hint("the pack is corrupt or hostile; repack the addon with 7-Zip")
                        .problem("its compressed header declares %d MiB once unpacked, more than the %d MiB a pack of %d KiB may describe",
                                (declared + (1 << 20) - 1) >> 20, limit >> 20, (size + 1023) >> 10);
            }
        }
    }

    /**
     * The largest unpack size the encoded header's folders declare, or -1 when the header is not
     * encoded. Throws {@link IllegalArgumentException} or {@link BufferUnderflowException} for a
     * description it does not follow.
     */
    static long encodedHeaderUnpackSize(ByteBuffer h) {
        if (u8(h) != K_ENCODED_HEADER) {
            return -1;
        }
        int id = u8(h);
        if (id == K_PACK_INFO) {
            number(h); // pack position
            long streams = count(h, h.remaining());
            for (int prop = u8(h); prop != K_END; prop = u8(h)) {
                if (prop == K_SIZE) {
                    for (long i = 0; i < streams; i++) {
                        number(h);
                    }
                } else if (prop == K_CRC) {
                    skipDigests(h, streams);
                } else {
                    throw new IllegalArgumentException("pack info property " + prop);
                }
            }
            id = u8(h);
        }
        if (id != K_UNPACK_INFO || u8(h) != K_FOLDER) {
            throw new IllegalArgumentException("no folder");
        }
        long folders = count(h, h.remaining());
        if (u8(h) != 0) {
            throw new IllegalArgumentException("external folders");
        }
        long outStreams = 0;
        for (long f = 0; f < folders; f++) {
            long coders = count(h, h.remaining());
            long folderIn = 0;
            long folderOut = 0;
            for (long c = 0; c < coders; c++) {
                int flags = u8(h);
                skip(h, flags & 0x0F); // the coder id
                long in = 1;
                long out = 1;
                if ((flags & 0x10) != 0) {
                    in = count(h, 64);
                    out = count(h, 64);
                }
                if ((flags & 0x20) != 0) {
                    skip(h, count(h, h.remaining()));
                }
                folderIn += in;
                folderOut += out;
            }
            for (long b = 0; b < folderOut - 1; b++) { // bind pairs
                number(h);
                number(h);
            }
            long packed = folderIn - (folderOut - 1);
            if (packed > 1) {
                for (long p = 0; p < packed; p++) {
                    number(h);
                }
            }
            outStreams += folderOut;
        }
        if (u8(h) != K_CODERS_UNPACK_SIZE) {
            throw new IllegalArgumentException("no unpack sizes");
        }
        long largest = 0;
        for (long i = 0; i < outStreams; i++) {
            largest = Math.max(largest, number(h));
        }
        return largest;
    }

    private static int u8(ByteBuffer h) {
        return h.get() & 0xFF;
    }

    private static void skip(ByteBuffer h, long n) {
        if (n > h.remaining()) {
            throw new BufferUnderflowException();
        }
        h.position(h.position() + (int) n);
    }

    /** A count that must fit the bytes there are. */
    private static long count(ByteBuffer h, long max) {
        long n = number(h);
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("count " + n);
        }
        return n;
    }

    private static void skipDigests(ByteBuffer h, long streams) {
        int all = u8(h);
        long defined = streams;
        if (all == 0) {
            defined = 0;
            for (long i = 0; i < streams; i += 8) {
                defined += Integer.bitCount(u8(h));
            }
        }
        skip(h, 4 * defined);
    }

    /** 7-Zip's variable-length number: the first byte's leading ones say how many bytes follow. */
    static long number(ByteBuffer h) {
        int first = u8(h);
        int mask = 0x80;
        long value = 0;
        for (int i = 0; i < 8; i++) {
            if ((first & mask) == 0) {
                long high = first & (mask - 1);
                return value | high << (8 * i);
            }
            value |= (long) u8(h) << (8 * i);
            mask >>>= 1;
        }
        return value;
    }
}
