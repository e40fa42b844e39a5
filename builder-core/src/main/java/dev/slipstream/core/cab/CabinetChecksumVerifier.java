package dev.slipstream.core.cab;

import dev.slipstream.core.codec.lzx.LzxConstants;
import dev.slipstream.core.codec.quantum.QuantumDecoder;
import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Verifies a cabinet without decoding it: the headers (as {@link CabinetReader} reads them), the
 * chain of CFDATA blocks of every folder (each inside the cabinet, at most 32 KiB uncompressed),
 * every block's checksum, and that every file lies within the uncompressed bytes its folder
 * declares. A truncated, cut or bit-flipped cabinet fails here as it fails in a full decode.
 *
 * <p>What it cannot see is a compressed stream that was written wrong and checksummed afterwards;
 * only decoding finds that. It is therefore meant for bytes copied unchanged from a source that was
 * itself verified (a package cabinet whose checksums passed on extraction), where the question is
 * whether the copy is intact. A cabinet it cannot vouch for — a block without a checksum, part of a
 * set, a block split across cabinets — is reported as {@link Result#unverifiable}, so that the
 * caller decodes it instead.
 */
public final class CabinetChecksumVerifier {

    /** The outcome: verified, or why checksums alone could not verify this cabinet. */
    public record Result(Optional<String> unverifiable) {
        static Result ok() {
            return new Result(Optional.empty());
        }

        static Result cannot(String why) {
            return new Result(Optional.of(why));
        }

        public boolean verified() {
            return unverifiable.isEmpty();
        }
    }

    private CabinetChecksumVerifier() {
    }

    /**
     * Verifies the single cabinet that starts at the beginning of {@code file}.
     *
     * @throws BadInputException naming the file, the offset and the damage
     */
    public static Result verify(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return verify(ch, file);
        }
    }

    private static Result verify(FileChannel ch, Path file) throws IOException {
        CabinetHeader cab = CabinetHeader.read(ch, file, 0);
        if (cab.hasPrevious() || cab.hasNext()) {
            return Result.cannot("it is part of a cabinet set");
        }
        long[] folderBytes = new long[cab.folders().size()];
        int headerSize = CabConstants.CFDATA_SIZE + cab.dataReserveSize();
        Window w = new Window(ch, file);
        long end = cab.end();
        for (CabFolder folder : cab.folders()) {
            requireKnownCompression(file, folder);
            long at = folder.dataOffset();
            for (int block = 1; block <= folder.blockCount(); block++) {
                if (at + headerSize > end) {
                    throw damaged(file, at, folder, "data block " + block + " starts past the end of the cabinet",
                            "the cabinet is truncated or its folder table is corrupt");
                }
                int h = w.at(at, headerSize, folder);
                byte[] b = w.bytes;
                int csum = (b[h] & 0xFF) | (b[h + 1] & 0xFF) << 8 | (b[h + 2] & 0xFF) << 16 | (b[h + 3] & 0xFF) << 24;
                int cbData = (b[h + 4] & 0xFF) | (b[h + 5] & 0xFF) << 8;
                int cbUncomp = (b[h + 6] & 0xFF) | (b[h + 7] & 0xFF) << 8;
                if (cbUncomp == 0) {
                    return Result.cannot("data block " + block + " of folder " + folder.index() + " continues in another cabinet");
                }
                if (cbUncomp > CabConstants.MAX_BLOCK_UNCOMPRESSED || cbData > CabConstants.MAX_BLOCK_COMPRESSED) {
                    throw damaged(file, at, folder, "data block " + block + " declares " + cbData + " compressed and "
                            + cbUncomp + " uncompressed bytes, more than a block holds", "the cabinet is corrupt");
                }
                long dataAt = at + headerSize;
                if (dataAt + cbData > end) {
                    throw damaged(file, at, folder, "data block " + block + " (" + cbData + " bytes) runs past the end of the cabinet",
                            "the cabinet is truncated; copy or download it again");
                }
                if ((folder.typeCompress() & CabConstants.COMPRESS_MASK_TYPE) == CabConstants.COMPRESS_NONE && cbData != cbUncomp) {
                    throw damaged(file, at, folder, "stored data block " + block + " declares " + cbData
                            + " bytes but " + cbUncomp + " uncompressed", "the cabinet is corrupt");
                }
                if (csum == 0) {
                    return Result.cannot("data block " + block + " of folder " + folder.index() + " has no checksum");
                }
                // The header and the data in one window: the counts are read again from it after it may have moved.
                int d = w.at(at, headerSize + cbData, folder) + headerSize;
                int sum = CabChecksum.update(0, w.bytes, d, cbData);
                sum = CabChecksum.update(sum, w.bytes, d - headerSize + 4, 4);
                if (sum != csum) {
                    throw damaged(file, at, folder, String.format("data block %d fails its checksum (stored %08X, computed %08X)",
                            block, csum, sum), "the cabinet is corrupt; replace it from the original package");
                }
                folderBytes[folder.index()] += cbUncomp;
                at = dataAt + cbData;
            }
        }
        for (CabFileHeader f : cab.files()) {
            int i = f.folderIndex();
            if (i >= folderBytes.length) {
                return Result.cannot(f.name() + " belongs to a folder continued in another cabinet");
            }
            if (f.folderStart() + f.size() > folderBytes[i]) {
                throw BadInputException.in(file).atOffset(f.entryOffset()).hint("the cabinet is truncated or corrupt")
                        .problem("%s needs bytes %d..%d of folder %d, whose data blocks hold only %d bytes",
                                f.name(), f.folderStart(), f.folderStart() + f.size(), i, folderBytes[i]);
            }
        }
        return Result.ok();
    }

    /** The decoders' own limits: a folder they would refuse is damaged here too. */
    private static void requireKnownCompression(Path file, CabFolder folder) throws BadInputException {
        int type = folder.typeCompress();
        int bits = CabConstants.windowBits(type);
        boolean known = switch (type & CabConstants.COMPRESS_MASK_TYPE) {
            case CabConstants.COMPRESS_NONE, CabConstants.COMPRESS_MSZIP -> true;
            case CabConstants.COMPRESS_LZX -> bits >= LzxConstants.MIN_WINDOW_BITS && bits <= LzxConstants.MAX_WINDOW_BITS;
            case CabConstants.COMPRESS_QUANTUM -> bits >= QuantumDecoder.MIN_WINDOW_BITS && bits <= QuantumDecoder.MAX_WINDOW_BITS;
            default -> false;
        };
        if (!known) {
            throw BadInputException.in(file).atOffset(folder.entryOffset()).hint("the cabinet is corrupt")
                    .problem("folder %d has compression type 0x%04X, which no decoder accepts", folder.index(), type);
        }
    }

    private static BadInputException damaged(Path file, long at, CabFolder folder, String problem, String hint) {
        return BadInputException.in(file).atOffset(at).hint(hint)
                .problem("folder " + folder.index() + " (" + folder.compression() + "), " + problem);
    }

    /**
     * A read-ahead window over the cabinet, so that its blocks are checked with one read per
     * 256 KiB instead of two per block (a header, then the data), and without a buffer per file:
     * the check runs over thousands of small cabinets.
     */
    private static final class Window {
        private static final int SIZE = 256 << 10;
        private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[SIZE]);

        final byte[] bytes = BUFFERS.get();
        private final FileChannel ch;
        private final Path file;
        private long start;
        private int length;

        Window(FileChannel ch, Path file) {
            this.ch = ch;
            this.file = file;
        }

        /** Makes {@code len} bytes at {@code at} available in {@link #bytes}; returns their index there. */
        int at(long at, int len, CabFolder folder) throws IOException {
            if (at >= start && at + len <= start + length) {
                return (int) (at - start);
            }
            start = at;
            length = 0;
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (length < len) {
                int r = ch.read(buf, at + length);
                if (r < 0) {
                    throw damaged(file, at + length, folder, "the file ends inside a data block", "the cabinet is truncated");
                }
                length += r;
            }
            return 0;
        }
    }
}
