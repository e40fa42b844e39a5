package dev.slipstream.core.cab;

import dev.slipstream.core.codec.BlockDecoder;
import dev.slipstream.core.codec.lzx.LzxConstants;
import dev.slipstream.core.codec.lzx.LzxDecoder;
import dev.slipstream.core.codec.mszip.MszipDecoder;
import dev.slipstream.core.codec.none.StoredDecoder;
import dev.slipstream.core.codec.quantum.QuantumDecoder;
import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.DataFormatException;

/**
 * Reads the CFDATA blocks of one folder chain in order (joining the halves of a block that a
 * writer split across two cabinets), verifies their checksums and hands them to the folder's
 * decoder. Memory is one compressed block, one uncompressed block, a 128 KiB read-ahead of the
 * cabinet and the decoder's window.
 */
final class FolderDataReader {

    /** At least the largest read (a CFDATA header, or a whole block's data), and large enough to serve many. */
    private static final int READ_AHEAD = Math.max(128 << 10, CabConstants.MAX_BLOCK_COMPRESSED + CabConstants.CFDATA_SIZE + 255);

    private final FolderChain chain;
    private final Channels channels;
    private final CabReadOptions options;
    private final BlockDecoder decoder;
    private final byte[] compressed = new byte[CabConstants.MAX_BLOCK_COMPRESSED];
    private final ByteBuffer header = ByteBuffer.allocate(CabConstants.CFDATA_SIZE + 255).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    /** Read-ahead of the cabinet: {@code ahead[0..position)} holds the file's bytes from {@code aheadStart}. */
    private final ByteBuffer ahead = ByteBuffer.allocate(READ_AHEAD);
    private FileChannel aheadChannel;
    private long aheadStart;

    private int segment;
    private int blockInSegment;
    private long nextHeader;
    private long blocksDecoded;
    private long bytesDecoded;

    FolderDataReader(FolderChain chain, Channels channels, CabReadOptions options) throws BadInputException {
        this.chain = chain;
        this.channels = channels;
        this.options = options;
        this.decoder = newDecoder(chain);
        rewind();
    }

    /** Starts again from the folder's first block. */
    void rewind() {
        decoder.reset();
        segment = 0;
        blockInSegment = 0;
        nextHeader = chain.segments().get(0).folder().dataOffset();
        blocksDecoded = 0;
        bytesDecoded = 0;
    }

    FolderChain chain() {
        return chain;
    }

    /** Uncompressed bytes produced so far. */
    long position() {
        return bytesDecoded;
    }

    /**
     * Decodes the next block into {@code out} (at least 32 KiB).
     *
     * @return the block's uncompressed size, or -1 when the folder has no more blocks
     */
    int next(byte[] out) throws IOException {
        if (!advanceToBlock()) {
            return -1;
        }
        FolderChain.Segment seg = chain.segments().get(segment);
        long blockAt = nextHeader;
        int total = 0;
        int uncompressed;
        while (true) {
            seg = chain.segments().get(segment);
            long at = nextHeader;
            CabinetHeader cab = seg.cabinet();
            int headerSize = CabConstants.CFDATA_SIZE + cab.dataReserveSize();
            if (at + headerSize > cab.end()) {
                throw error(at, "data block " + (blocksDecoded + 1) + " starts past the end of the cabinet",
                        "the cabinet is truncated or its folder table is corrupt");
            }
            FileChannel ch = channels.get(cab.path());
            readAt(ch, at, header.array(), 0, headerSize);
            int csum = header.getInt(0);
            int cbData = (header.get(4) & 0xFF) | (header.get(5) & 0xFF) << 8;
            int cbUncomp = (header.get(6) & 0xFF) | (header.get(7) & 0xFF) << 8;
            if (cbUncomp > CabConstants.MAX_BLOCK_UNCOMPRESSED) {
                throw error(at, "data block " + (blocksDecoded + 1) + " declares " + cbUncomp
                        + " uncompressed bytes; a block holds at most 32768", "the cabinet is corrupt");
            }
            if (total + cbData > CabConstants.MAX_BLOCK_COMPRESSED) {
                throw error(at, "data block " + (blocksDecoded + 1) + " declares " + (total + cbData)
                        + " compressed bytes; a block holds at most " + CabConstants.MAX_BLOCK_COMPRESSED,
                        "the cabinet is corrupt");
            }
            long dataAt = at + headerSize;
            if (dataAt + cbData > cab.end()) {
                throw error(at, "data block " + (blocksDecoded + 1) + " (" + cbData + " bytes) runs past the end of the cabinet",
                        "the cabinet is truncated; copy or download it again");
            }
            readAt(ch, dataAt, compressed, total, cbData);
            if (csum != 0 && !options.ignoreChecksums()) {
                int sum = CabChecksum.update(0, compressed, total, cbData);
                sum = CabChecksum.update(sum, header.array(), 4, 4);
                if (sum != csum) {
                    throw error(at, String.format("data block %d fails its checksum (stored %08X, computed %08X)",
                            blocksDecoded + 1, csum, sum), "the cabinet is corrupt; --ignore-checksums decodes it anyway");
                }
            }
            total += cbData;
            nextHeader = dataAt + cbData;
            blockInSegment++;
            if (cbUncomp != 0) {
                uncompressed = cbUncomp;
                break;
            }
            // cbUncomp 0: the block continues as the first block of the folder's next segment.
            if (blockInSegment < seg.folder().blockCount() || segment + 1 >= chain.segments().size()) {
                throw error(at, "data block " + (blocksDecoded + 1) + " declares 0 uncompressed bytes"
                        + (segment + 1 >= chain.segments().size() ? " (a block split across cabinets) but there is no next cabinet" : ""),
                        segment + 1 >= chain.segments().size() ? "the cabinet set is incomplete; put all its parts in one folder"
                                : "the cabinet is corrupt");
            }
            segment++;
            blockInSegment = 0;
            nextHeader = chain.segments().get(segment).folder().dataOffset();
            if (chain.segments().get(segment).folder().blockCount() == 0) {
                throw error(nextHeader, "the continuation of a split data block is missing", "the cabinet set is corrupt");
            }
        }
        try {
            decoder.decode(compressed, total, out, uncompressed);
        } catch (DataFormatException e) {
            throw error(blockAt, "data block " + (blocksDecoded + 1) + ": " + e.getMessage(),
                    "the cabinet is corrupt" + (options.ignoreChecksums() ? "" : " (its checksums matched, so it was written this way)"));
        } catch (RuntimeException e) {
            // A decoder bug must not pass as a crash on hostile input; report where it happened.
            throw error(blockAt, "data block " + (blocksDecoded + 1) + " could not be decoded (" + e + ")",
                    "the cabinet is probably corrupt; if not, please report this");
        }
        blocksDecoded++;
        bytesDecoded += uncompressed;
        return uncompressed;
    }

    /** Moves to the next segment when the current one has no more blocks. */
    private boolean advanceToBlock() {
        while (blockInSegment >= chain.segments().get(segment).folder().blockCount()) {
            if (segment + 1 >= chain.segments().size()) {
                return false;
            }
            segment++;
            blockInSegment = 0;
            nextHeader = chain.segments().get(segment).folder().dataOffset();
        }
        return true;
    }

    private BadInputException error(long offset, String problem, String hint) {
        FolderChain.Segment seg = chain.segments().get(segment);
        return BadInputException.in(seg.cabinet().path()).atOffset(offset).hint(hint)
                .problem("folder " + chain.index() + " (" + chain.compression() + "), " + problem);
    }

    /**
     * Copies {@code len} bytes of the cabinet at {@code at} into {@code dst}, through a read-ahead
     * buffer: blocks are read in file order, and one read of the file then serves many small
     * headers and blocks (a 2 GiB member of a well-compressed cabinet is 131,000 reads otherwise).
     */
    private void readAt(FileChannel ch, long at, byte[] dst, int off, int len) throws IOException {
        if (ch != aheadChannel || at < aheadStart || at + len > aheadStart + ahead.position()) {
            aheadChannel = null;
            ahead.clear();
            aheadStart = at;
            long p = at;
            while (ahead.position() < len) {
                int r = ch.read(ahead, p);
                if (r < 0) {
                    throw error(p, "the file ends inside a data block", "the cabinet is truncated");
                }
                p += r;
            }
            aheadChannel = ch;
        }
        System.arraycopy(ahead.array(), (int) (at - aheadStart), dst, off, len);
    }

    static BlockDecoder newDecoder(FolderChain chain) throws BadInputException {
        int type = chain.typeCompress();
        FolderChain.Segment first = chain.segments().get(0);
        int bits = CabConstants.windowBits(type);
        switch (type & CabConstants.COMPRESS_MASK_TYPE) {
            case CabConstants.COMPRESS_NONE:
                return new StoredDecoder();
            case CabConstants.COMPRESS_MSZIP:
                return new MszipDecoder();
            case CabConstants.COMPRESS_LZX:
                if (bits < LzxConstants.MIN_WINDOW_BITS || bits > LzxConstants.MAX_WINDOW_BITS) {
                    throw BadInputException.in(first.cabinet().path()).atOffset(first.folder().entryOffset())
                            .hint("the cabinet is corrupt")
                            .problem("folder %d uses LZX with a window of 2^%d bytes; LZX windows are 2^15 to 2^21", chain.index(), bits);
                }
                return new LzxDecoder(bits);
            case CabConstants.COMPRESS_QUANTUM:
                if (bits < QuantumDecoder.MIN_WINDOW_BITS || bits > QuantumDecoder.MAX_WINDOW_BITS) {
                    throw BadInputException.in(first.cabinet().path()).atOffset(first.folder().entryOffset())
                            .hint("the cabinet is corrupt")
                            .problem("folder %d uses Quantum with a window of 2^%d bytes; Quantum windows are 2^10 to 2^21", chain.index(), bits);
                }
                return new QuantumDecoder(bits);
            default:
                throw BadInputException.in(first.cabinet().path()).atOffset(first.folder().entryOffset())
                        .hint("the cabinet is corrupt, or uses a compression no known tool writes")
                        .problem("folder %d has unknown compression type 0x%04X", chain.index(), type);
        }
    }
}
