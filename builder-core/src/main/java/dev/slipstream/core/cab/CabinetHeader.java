package dev.slipstream.core.cab;

import static dev.slipstream.core.cab.CabConstants.CFFILE_SIZE;
import static dev.slipstream.core.cab.CabConstants.CFFOLDER_SIZE;
import static dev.slipstream.core.cab.CabConstants.CFHEADER_SIZE;

import dev.slipstream.core.error.BadInputException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The headers of one cabinet (CFHEADER, its CFFOLDER and CFFILE entries) found at some offset of a
 * file: a plain .cab at 0, or a cabinet inside a self-extractor.
 *
 * <p>Parsing trusts nothing: every count and offset is checked against the bytes that are actually
 * there before anything is allocated or read, and every failure names the file, the offset, what
 * is wrong and what to do. The data blocks are not touched here; {@link FolderDataReader} reads them.
 *
 * <p>CFFILE entries are read where they actually follow the folder table, as libmspack does, not at
 * {@code coffFiles}: a cabinet whose {@code coffFiles} points elsewhere shows the same files in
 * cabextract and in slipstream (docs/cab-format.md, "hidden files").
 */
public final class CabinetHeader {

    private final Path path;
    private final long offset;
    private final long cabinetSize;
    private final long fileFilesOffset;
    private final int versionMajor;
    private final int versionMinor;
    private final int flags;
    private final int setId;
    private final int cabinetIndex;
    private final byte[] headerReserve;
    private final int folderReserveSize;
    private final int dataReserveSize;
    private final String prevCabinet;
    private final String prevDisk;
    private final String nextCabinet;
    private final String nextDisk;
    private final List<CabFolder> folders;
    private final List<CabFileHeader> files;

    private CabinetHeader(Builder b) {
        this.path = b.path;
        this.offset = b.offset;
        this.cabinetSize = b.cabinetSize;
        this.fileFilesOffset = b.coffFiles;
        this.versionMajor = b.versionMajor;
        this.versionMinor = b.versionMinor;
        this.flags = b.flags;
        this.setId = b.setId;
        this.cabinetIndex = b.cabinetIndex;
        this.headerReserve = b.headerReserve;
        this.folderReserveSize = b.folderReserveSize;
        this.dataReserveSize = b.dataReserveSize;
        this.prevCabinet = b.prevCabinet;
        this.prevDisk = b.prevDisk;
        this.nextCabinet = b.nextCabinet;
        this.nextDisk = b.nextDisk;
        this.folders = List.copyOf(b.folders);
        this.files = List.copyOf(b.files);
    }

    /**
     * Reads the headers of the cabinet that starts at {@code offset} of {@code channel}.
     *
     * @param path names the file in messages and locates the other cabinets of a set
     */
    public static CabinetHeader read(FileChannel channel, Path path, long offset) throws IOException {
        return new Parser(channel, path, offset).parse();
    }

    public Path path() {
        return path;
    }

    /** Where the cabinet starts in its file (non-zero inside a self-extractor). */
    public long offset() {
        return offset;
    }

    /** cbCabinet: the cabinet's declared size. */
    public long cabinetSize() {
        return cabinetSize;
    }

    /** coffFiles as declared (we read the files where they actually are; see the class comment). */
    public long declaredFilesOffset() {
        return fileFilesOffset;
    }

    public String version() {
        return versionMajor + "." + versionMinor;
    }

    public int flags() {
        return flags;
    }

    public int setId() {
        return setId;
    }

    /** iCabinet: this cabinet's number within its set, from 0. */
    public int cabinetIndex() {
        return cabinetIndex;
    }

    public byte[] headerReserve() {
        return headerReserve.clone();
    }

    public int folderReserveSize() {
        return folderReserveSize;
    }

    public int dataReserveSize() {
        return dataReserveSize;
    }

    public boolean hasPrevious() {
        return (flags & CabConstants.FLAG_PREV_CABINET) != 0;
    }

    public boolean hasNext() {
        return (flags & CabConstants.FLAG_NEXT_CABINET) != 0;
    }

    /** szCabinetPrev, or {@code null}. */
    public String previousCabinet() {
        return prevCabinet;
    }

    public String previousDisk() {
        return prevDisk;
    }

    /** szCabinetNext, or {@code null}. */
    public String nextCabinet() {
        return nextCabinet;
    }

    public String nextDisk() {
        return nextDisk;
    }

    public List<CabFolder> folders() {
        return folders;
    }

    public List<CabFileHeader> files() {
        return files;
    }

    /** The end of the cabinet in its file, bounded by the file's size. */
    long end() {
        return offset + cabinetSize;
    }

    private static final class Builder {
        Path path;
        long offset;
        long cabinetSize;
        long coffFiles;
        int versionMajor;
        int versionMinor;
        int flags;
        int setId;
        int cabinetIndex;
        byte[] headerReserve = new byte[0];
        int folderReserveSize;
        int dataReserveSize;
        String prevCabinet;
        String prevDisk;
        String nextCabinet;
        String nextDisk;
        final List<CabFolder> folders = new ArrayList<>();
        final List<CabFileHeader> files = new ArrayList<>();
    }

    /** Reads sequentially through a small buffer, always knowing how many bytes the file still holds. */
    private static final class Parser {
        private final FileChannel channel;
        private final Path path;
        private final long start;
        private final long fileSize;
        private final ByteBuffer buf = ByteBuffer.allocate(8192);
        private long bufPos;
        private long pos;

        Parser(FileChannel channel, Path path, long start) throws IOException {
            this.channel = channel;
            this.path = path;
            this.start = start;
            this.fileSize = channel.size();
            this.pos = start;
            this.bufPos = start;
            buf.limit(0);
        }

        private BadInputException.Builder at(long where) {
            return BadInputException.in(path).atOffset(where);
        }

        CabinetHeader parse() throws IOException {
            Builder b = new Builder();
            b.path = path;
            b.offset = start;
            if (start < 0 || start >= fileSize) {
                throw at(start).hint("give the offset of an MSCF signature inside the file")
                        .problem("no cabinet here: the offset is outside the %d-byte file", fileSize);
            }
            if (fileSize - start < CFHEADER_SIZE) {
                throw at(start).hint("the file is truncated or is not a cabinet")
                        .problem("a cabinet header needs %d bytes, only %d remain", CFHEADER_SIZE, fileSize - start);
            }
            int sig = u32i();
            if (sig != CabConstants.SIGNATURE) {
                throw at(start).hint("this is not a Microsoft Cabinet; for a self-extractor use the locator, which finds the cabinet inside")
                        .problem("no MSCF signature (found %02X %02X %02X %02X)", sig & 0xFF, (sig >>> 8) & 0xFF,
                                (sig >>> 16) & 0xFF, sig >>> 24);
            }
            skip(4);
            b.cabinetSize = u32();
            skip(4);
            b.coffFiles = u32();
            skip(4);
            b.versionMinor = u8();
            b.versionMajor = u8();
            int cFolders = u16();
            int cFiles = u16();
            b.flags = u16();
            b.setId = u16();
            b.cabinetIndex = u16();

            long available = fileSize - start;
            if (b.cabinetSize < CFHEADER_SIZE) {
                throw at(start + CabConstants.CFHEADER_CB_CABINET).hint("the cabinet header is corrupt")
                        .problem("cbCabinet is %d, smaller than the header itself", b.cabinetSize);
            }
            if (b.cabinetSize > available) {
                throw at(start + CabConstants.CFHEADER_CB_CABINET)
                        .hint("the file is truncated (" + (b.cabinetSize - available) + " bytes missing); download or copy it again")
                        .problem("the cabinet declares %d bytes but only %d remain in the file", b.cabinetSize, available);
            }
            long end = start + b.cabinetSize;
            if (cFolders == 0) {
                throw at(start + CabConstants.CFHEADER_C_FOLDERS).hint("the cabinet header is corrupt")
                        .problem("the cabinet declares no folders");
            }
            if (cFiles == 0) {
                throw at(start + CabConstants.CFHEADER_C_FILES).hint("the cabinet header is corrupt")
                        .problem("the cabinet declares no files");
            }
            if ((b.flags & CabConstants.FLAG_RESERVE_PRESENT) != 0) {
                need(end, CabConstants.CFHEADER_RESERVE_FIELDS_SIZE, "the reserve sizes");
                int headerReserve = u16();
                b.folderReserveSize = u8();
                b.dataReserveSize = u8();
                if (headerReserve > CabConstants.MAX_HEADER_RESERVE) {
                    throw at(pos - 4).hint("the cabinet header is corrupt")
                            .problem("cbCFHeader is %d, more than the format's maximum of %d", headerReserve,
                                    CabConstants.MAX_HEADER_RESERVE);
                }
                need(end, headerReserve, "the header reserve area");
                b.headerReserve = bytes(headerReserve);
            }
            if ((b.flags & CabConstants.FLAG_PREV_CABINET) != 0) {
                b.prevCabinet = string(end, "szCabinetPrev");
                b.prevDisk = string(end, "szDiskPrev");
            }
            if ((b.flags & CabConstants.FLAG_NEXT_CABINET) != 0) {
                b.nextCabinet = string(end, "szCabinetNext");
                b.nextDisk = string(end, "szDiskNext");
            }

            long folderEntry = CFFOLDER_SIZE + (long) b.folderReserveSize;
            long foldersAt = pos;
            if (folderEntry * cFolders > end - pos) {
                throw at(foldersAt).hint("the cabinet is truncated or its header is corrupt")
                        .problem("the cabinet declares %d folders (%d bytes) but only %d bytes remain", cFolders,
                                folderEntry * cFolders, end - pos);
            }
            for (int i = 0; i < cFolders; i++) {
                long entryAt = pos;
                long coffCabStart = u32();
                int blocks = u16();
                int type = u16();
                skip(b.folderReserveSize);
                if (coffCabStart >= b.cabinetSize && blocks > 0) {
                    throw at(entryAt).hint("the cabinet is truncated or its header is corrupt")
                            .problem("folder %d starts its data at %d, past the cabinet's end (%d)", i, coffCabStart,
                                    b.cabinetSize);
                }
                b.folders.add(new CabFolder(i, start + coffCabStart, blocks, type, entryAt));
            }

            if ((long) (CFFILE_SIZE + 1) * cFiles > end - pos) {
                throw at(pos).hint("the cabinet is truncated or its header is corrupt")
                        .problem("the cabinet declares %d files, which need at least %d bytes, but only %d remain",
                                cFiles, (long) (CFFILE_SIZE + 1) * cFiles, end - pos);
            }
            for (int i = 0; i < cFiles; i++) {
                long entryAt = pos;
                need(end, CFFILE_SIZE + 1, "file entry " + (i + 1));
                long size = u32();
                long folderStart = u32();
                int folderIndex = u16();
                int date = u16();
                int time = u16();
                int attribs = u16();
                byte[] raw = rawString(end, "the name of file", i + 1);
                if (raw.length == 0) {
                    throw at(entryAt + CFFILE_SIZE).hint("the cabinet is corrupt")
                            .problem("file %d has an empty name", i + 1);
                }
                boolean special = folderIndex >= CabConstants.IFOLD_CONTINUED_FROM_PREV;
                if (!special && folderIndex >= cFolders) {
                    throw at(entryAt + 8).hint("the cabinet is corrupt")
                            .problem("file %d (%s) names folder %d, but the cabinet has %d", i + 1,
                                    CabNames.decode(raw, (attribs & CabConstants.ATTR_NAME_IS_UTF) != 0), folderIndex, cFolders);
                }
                if (folderStart + size > 0xFFFF_FFFFL) {
                    throw at(entryAt).hint("the cabinet is corrupt")
                            .problem("file %d ends at folder offset %d, beyond the 4 GiB a folder can hold", i + 1,
                                    folderStart + size);
                }
                String name = CabNames.decode(raw, (attribs & CabConstants.ATTR_NAME_IS_UTF) != 0);
                b.files.add(new CabFileHeader(name, raw, size, folderStart, folderIndex, date, time, attribs, entryAt));
            }
            return new CabinetHeader(b);
        }

        private void need(long end, long n, String what) throws BadInputException {
            if (n > end - pos) {
                throw at(pos).hint("the cabinet is truncated or its header is corrupt")
                        .problem("%s (%d bytes) runs past the end of the cabinet", what, n);
            }
        }

        /**
         * A NUL-terminated string of at most 255 characters within the cabinet. {@code what} and,
         * when positive, {@code number} name it in an error (joined only then: a cabinet of
         * thousands of files reads thousands of names).
         */
        private byte[] rawString(long end, String what, int number) throws IOException {
            long at = pos;
            long limit = Math.min(end - pos, CabConstants.MAX_NAME);
            // Most names lie whole in the buffer: found there with one scan and one copy.
            if (pos >= bufPos) {
                int from = (int) (pos - bufPos);
                int avail = (int) Math.min(limit, buf.limit() - from);
                for (int i = 0; i < avail; i++) {
                    if (buf.get(from + i) == 0) {
                        byte[] out = new byte[i];
                        buf.get(from, out);
                        pos += i + 1;
                        return out;
                    }
                }
            }
            byte[] out = new byte[CabConstants.MAX_NAME];
            for (int i = 0; i < limit; i++) {
                int c = u8();
                if (c == 0) {
                    return Arrays.copyOf(out, i);
                }
                out[i] = (byte) c;
            }
            String named = number > 0 ? what + " " + number : what;
            if (limit < CabConstants.MAX_NAME) {
                throw at(at).hint("the cabinet is truncated or its header is corrupt")
                        .problem("%s runs past the end of the cabinet", named);
            }
            throw at(at).hint("the cabinet is corrupt")
                    .problem("%s is not terminated within %d bytes", named, CabConstants.MAX_NAME);
        }

        private String string(long end, String what) throws IOException {
            byte[] raw = rawString(end, what, 0);
            return new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        private void fill(int n) throws IOException {
            if (pos >= bufPos && pos + n <= bufPos + buf.limit()) {
                return;
            }
            buf.clear();
            bufPos = pos;
            long remaining = fileSize - pos;
            buf.limit((int) Math.min(buf.capacity(), Math.max(0, remaining)));
            while (buf.hasRemaining()) {
                int r = channel.read(buf, bufPos + buf.position());
                if (r < 0) {
                    break;
                }
            }
            buf.flip();
            if (buf.limit() < n) {
                throw new EOFException(path + ": unexpected end of file at offset " + pos);
            }
        }

        private int u8() throws IOException {
            fill(1);
            int v = buf.get((int) (pos - bufPos)) & 0xFF;
            pos++;
            return v;
        }

        private int u16() throws IOException {
            fill(2);
            int i = (int) (pos - bufPos);
            int v = (buf.get(i) & 0xFF) | (buf.get(i + 1) & 0xFF) << 8;
            pos += 2;
            return v;
        }

        private int u32i() throws IOException {
            fill(4);
            int i = (int) (pos - bufPos);
            int v = (buf.get(i) & 0xFF) | (buf.get(i + 1) & 0xFF) << 8 | (buf.get(i + 2) & 0xFF) << 16
                    | (buf.get(i + 3) & 0xFF) << 24;
            pos += 4;
            return v;
        }

        private long u32() throws IOException {
            return u32i() & 0xFFFF_FFFFL;
        }

        private void skip(int n) {
            pos += n;
        }

        private byte[] bytes(int n) throws IOException {
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) u8();
            }
            return out;
        }
    }
}
