package dev.slipstream.core.cab;

import dev.slipstream.core.codec.lzx.LzxConstants;
import dev.slipstream.core.codec.lzx.LzxEncoder;
import dev.slipstream.core.codec.mszip.MszipEncoder;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.io.AtomicOutput;
import dev.slipstream.core.io.SourceDateEpoch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Writes a cabinet ([MS-CAB]) as makecab does: members in the order given, in one or more
 * folders compressed with {@link CabCompression NONE, MSZIP or LZX}, CFDATA blocks of at most
 * 32 KiB with real checksums.
 *
 * <p>Member data is streamed: memory does not grow with file sizes. The layout (header, folder
 * and file tables) is planned from the entries' declared sizes before any data is read, the
 * data written after it, and the tables filled in at the end. The output appears only when it
 * is complete ({@link AtomicOutput}); any error leaves no file behind.
 *
 * <p>Dates are DOS dates in UTC, from {@link Options#timestamp} when set (the CLI sets it from
 * {@code SOURCE_DATE_EPOCH}), else from each entry's modification time. The same entries and
 * options always give the same bytes, whatever the number of threads.
 */
public final class CabinetWriter {

    /** Most CFDATA blocks a folder can count (CFFOLDER.cCFData is a u16). */
    public static final int MAX_BLOCKS_PER_FOLDER = 0xFFFF;
    /** Most uncompressed bytes one folder can hold: 65,535 full blocks (libmspack's CAB_LENGTHMAX). */
    public static final long MAX_FOLDER_BYTES = (long) MAX_BLOCKS_PER_FOLDER * CabConstants.MAX_BLOCK_UNCOMPRESSED;
    /** Most files and folders per cabinet (u16 counts). */
    public static final int MAX_FILES = 0xFFFF;
    public static final int MAX_FOLDERS = 0xFFFF;
    private static final long MAX_U32 = 0xFFFF_FFFFL;
    /** The earliest date a DOS date can hold. */
    private static final LocalDateTime DOS_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0, 0);
    private static final LocalDateTime DOS_END = LocalDateTime.of(2107, 12, 31, 23, 59, 58);

    private CabinetWriter() {
    }

    /** Where a member's bytes come from. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /**
     * One member: its name in the cabinet ({@code \} separates directories), where its bytes come
     * from, how many there are, its modification time and its attributes (0 for the default,
     * {@link CabConstants#ATTR_ARCHIVE}).
     */
    public record Entry(String name, String origin, Source source, long size, Instant mtime, int attributes) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(mtime, "mtime");
            if (size < 0) {
                throw new IllegalArgumentException("negative size");
            }
        }

        /** A member read from {@code file}, named {@code name}; size and time from the file system. */
        public static Entry ofFile(Path file, String name) throws IOException {
            long size = Files.size(file);
            Instant mtime = Files.getLastModifiedTime(file).toInstant();
            return new Entry(name, file.toString(), () -> Files.newInputStream(file), size, mtime, 0);
        }

        public static Entry ofBytes(String name, byte[] data, Instant mtime) {
            byte[] copy = data.clone();
            return new Entry(name, name, () -> new java.io.ByteArrayInputStream(copy), copy.length, mtime, 0);
        }
    }

    /** How to write. */
    public record Options(CabCompression compression, int mszipLevel, LzxEncoder.Level lzxLevel, boolean lzxE8,
                          Optional<Instant> timestamp, int headerReserve, int folderReserve, int dataReserve,
                          long maxFolderBytes, int threads, ExecutorService pool) {

        public Options {
            Objects.requireNonNull(compression, "compression");
            Objects.requireNonNull(timestamp, "timestamp");
            if (headerReserve < 0 || headerReserve > CabConstants.MAX_HEADER_RESERVE) {
                throw new IllegalArgumentException("header reserve must be 0.." + CabConstants.MAX_HEADER_RESERVE);
            }
            if (folderReserve < 0 || folderReserve > 255 || dataReserve < 0 || dataReserve > 255) {
                throw new IllegalArgumentException("folder and data reserves must be 0..255");
            }
            if (maxFolderBytes < CabConstants.MAX_BLOCK_UNCOMPRESSED || maxFolderBytes > MAX_FOLDER_BYTES) {
                throw new IllegalArgumentException("folder size limit must be 32768.." + MAX_FOLDER_BYTES);
            }
        }

        /** LZX:21, one thread, SOURCE_DATE_EPOCH from the environment, no reserves. */
        public static Options defaults() {
            return new Options(CabCompression.LZX_21, MszipEncoder.DEFAULT_LEVEL, LzxEncoder.Level.NORMAL, true,
                    SourceDateEpoch.fromEnvironment(), 0, 0, 0, MAX_FOLDER_BYTES, 1, null);
        }

        public Options withCompression(CabCompression c) {
            return new Options(c, mszipLevel, lzxLevel, lzxE8, timestamp, headerReserve, folderReserve, dataReserve,
                    maxFolderBytes, threads, pool);
        }

        public Options withTimestamp(Optional<Instant> t) {
            return new Options(compression, mszipLevel, lzxLevel, lzxE8, t, headerReserve, folderReserve, dataReserve,
                    maxFolderBytes, threads, pool);
        }

        public Options withReserves(int header, int folder, int data) {
            return new Options(compression, mszipLevel, lzxLevel, lzxE8, timestamp, header, folder, data,
                    maxFolderBytes, threads, pool);
        }

        public Options withMaxFolderBytes(long max) {
            return new Options(compression, mszipLevel, lzxLevel, lzxE8, timestamp, headerReserve, folderReserve,
                    dataReserve, max, threads, pool);
        }

        public Options withLzx(LzxEncoder.Level level, boolean e8) {
            return new Options(compression, mszipLevel, level, e8, timestamp, headerReserve, folderReserve, dataReserve,
                    maxFolderBytes, threads, pool);
        }

        public Options withMszipLevel(int level) {
            return new Options(compression, level, lzxLevel, lzxE8, timestamp, headerReserve, folderReserve, dataReserve,
                    maxFolderBytes, threads, pool);
        }

        /** Compress MSZIP blocks on {@code threads} threads of {@code pool}. */
        public Options withThreads(int threads, ExecutorService pool) {
            return new Options(compression, mszipLevel, lzxLevel, lzxE8, timestamp, headerReserve, folderReserve,
                    dataReserve, maxFolderBytes, threads, pool);
        }
    }

    /** What was written. */
    public record Summary(Path cabinet, int files, int folders, long blocks, long uncompressedBytes, long cabinetBytes) {
    }

    private static final class PlannedFile {
        final Entry entry;
        final byte[] name;
        final boolean utf;
        final int folder;
        final long offsetInFolder;

        PlannedFile(Entry entry, byte[] name, boolean utf, int folder, long offsetInFolder) {
            this.entry = entry;
            this.name = name;
            this.utf = utf;
            this.folder = folder;
            this.offsetInFolder = offsetInFolder;
        }
    }

    private static final class FolderState {
        long dataStart;
        int blocks;
    }

    /** Writes {@code entries} to {@code target}, replacing it atomically. */
    public static Summary write(Path target, List<Entry> entries, Options options) throws IOException {
        List<PlannedFile> files = plan(target, entries, options);
        int folderCount = files.isEmpty() ? 1 : files.get(files.size() - 1).folder + 1;
        boolean reserve = options.headerReserve() > 0 || options.folderReserve() > 0 || options.dataReserve() > 0;
        long headerSize = CabConstants.CFHEADER_SIZE
                + (reserve ? CabConstants.CFHEADER_RESERVE_FIELDS_SIZE + options.headerReserve() : 0);
        long coffFolders = headerSize;
        long coffFiles = coffFolders + (long) folderCount * (CabConstants.CFFOLDER_SIZE + options.folderReserve());
        long dataStart = coffFiles;
        for (PlannedFile f : files) {
            dataStart += CabConstants.CFFILE_SIZE + f.name.length + 1;
        }
        FolderState[] folders = new FolderState[folderCount];
        for (int i = 0; i < folderCount; i++) {
            folders[i] = new FolderState();
        }
        long[] position = {dataStart};
        long totalIn = 0;
        try (AtomicOutput out = AtomicOutput.create(target)) {
            FileChannel ch = out.channel();
            ch.position(dataStart);
            OutputStream data = new BufferedOutputStream(out.stream(), 1 << 16);
            byte[] buf = new byte[1 << 16];
            int fileIndex = 0;
            for (int fi = 0; fi < folderCount; fi++) {
                FolderState folder = folders[fi];
                folder.dataStart = position[0];
                FolderEncoder.CfDataSink sink = (b, off, len, ulen) -> {
                    writeBlock(target, data, b, off, len, ulen, options.dataReserve(), position);
                    folder.blocks++;
                };
                long folderBytes = 0;
                for (int k = fileIndex; k < files.size() && files.get(k).folder == fi; k++) {
                    folderBytes += files.get(k).entry.size();
                }
                try (FolderEncoder enc = encoderFor(options, folderBytes, sink)) {
                    while (fileIndex < files.size() && files.get(fileIndex).folder == fi) {
                        totalIn += copyMember(files.get(fileIndex).entry, enc, buf);
                        fileIndex++;
                    }
                    enc.finish();
                }
                if (folder.blocks > MAX_BLOCKS_PER_FOLDER) {
                    throw new IllegalStateException("folder " + fi + " has " + folder.blocks + " blocks");
                }
            }
            data.flush();
            ByteBuffer header = header(options, files, folders, reserve, headerSize, coffFiles, position[0]);
            header.flip();
            while (header.hasRemaining()) {
                ch.write(header, header.position());
            }
            out.commit();
            long blocks = 0;
            for (FolderState f : folders) {
                blocks += f.blocks;
            }
            return new Summary(target, files.size(), folderCount, blocks, totalIn, position[0]);
        }
    }

    private static FolderEncoder encoderFor(Options o, long folderBytes, FolderEncoder.CfDataSink sink) {
        CabCompression c = o.compression();
        if (c.isLzx()) {
            return new LzxFolderEncoder(c.lzxWindowBits(), o.lzxE8() ? e8TranslationSize(folderBytes) : 0,
                    o.lzxLevel(), sink);
        }
        if (c.isMszip()) {
            return new MszipFolderEncoder(o.mszipLevel(), o.threads(), o.pool(), sink);
        }
        return new StoredFolderEncoder(sink);
    }

    /**
     * The E8 translation size announced for a folder: makecab's 12,000,000, or the folder's size
     * when larger. A call is translated to an absolute target only while its position is below
     * the translation size, so with makecab's value the calls in a multi-file folder stop
     * being translated after 12 MB (the stream stays valid, it just compresses worse: 1 % of a
     * 200 MB folder of binaries). Decoders take any 32-bit value; translation ends at 2^30 anyway.
     */
    static int e8TranslationSize(long folderBytes) {
        return (int) Math.max(LzxEncoder.DEFAULT_E8_TRANSLATION_SIZE, Math.min(folderBytes, LzxConstants.E8_MAX_OFFSET));
    }

    private static void writeBlock(Path target, OutputStream data, byte[] b, int off, int len, int ulen, int reserve,
                                   long[] position) throws IOException {
        if (len > CabConstants.MAX_BLOCK_COMPRESSED || ulen > CabConstants.MAX_BLOCK_UNCOMPRESSED) {
            throw new IllegalStateException("CFDATA block of " + len + "/" + ulen + " bytes");
        }
        long next = position[0] + CabConstants.CFDATA_SIZE + reserve + len;
        if (next > MAX_U32) {
            throw BadInputException.in(target)
                    .hint("split the input into several cabinets, or use stronger compression")
                    .problem("the cabinet would exceed 4 GiB (cbCabinet is a 32-bit field)");
        }
        int csum = CabChecksum.forBlock(b, off, len, ulen);
        byte[] h = new byte[CabConstants.CFDATA_SIZE + reserve];
        putU32(h, 0, csum);
        putU16(h, 4, len);
        putU16(h, 6, ulen);
        data.write(h);
        data.write(b, off, len);
        position[0] = next;
    }

    private static long copyMember(Entry e, FolderEncoder enc, byte[] buf) throws IOException {
        long done = 0;
        try (InputStream in = e.source().open()) {
            while (true) {
                int want = (int) Math.min(buf.length, e.size() - done);
                int n = in.read(buf, 0, want == 0 ? 1 : want);
                if (n < 0) {
                    break;
                }
                if (want == 0) {
                    throw changed(e, "grew");
                }
                enc.write(buf, 0, n);
                done += n;
            }
        } catch (BadInputException ex) {
            throw ex;
        } catch (IOException ex) {
            throw BadInputException.in(e.origin()).hint("check that the file is readable")
                    .problem(ex, "cannot read it: " + ex.getMessage());
        }
        if (done != e.size()) {
            throw changed(e, "shrank");
        }
        return done;
    }

    private static BadInputException changed(Entry e, String how) {
        return BadInputException.in(e.origin()).hint("do not modify the inputs while the cabinet is written")
                .problem("the file " + how + " while it was being compressed (expected " + e.size() + " bytes)");
    }

    /** Checks names and sizes and assigns files to folders; throws before anything is written. */
    private static List<PlannedFile> plan(Path target, List<Entry> entries, Options o) throws BadInputException {
        if (entries.size() > MAX_FILES) {
            throw BadInputException.in(target).hint("split the files into several cabinets")
                    .problem("%,d files do not fit in one cabinet (at most %,d)", entries.size(), MAX_FILES);
        }
        List<PlannedFile> planned = new ArrayList<>(entries.size());
        Map<String, String> seen = new HashMap<>();
        int folder = 0;
        long inFolder = 0;
        for (Entry e : entries) {
            String name = e.name();
            checkName(target, e);
            String key = name.toLowerCase(Locale.ROOT);
            String other = seen.putIfAbsent(key, name);
            if (other != null) {
                throw BadInputException.in(e.origin()).hint("cabinet names are case-insensitive; rename one of them")
                        .problem("member name '%s' is already used by '%s'", name, other);
            }
            if (e.size() > MAX_U32) {
                throw BadInputException.in(e.origin()).hint("a cabinet member is at most 4 GiB - 1")
                        .problem("the file is %,d bytes, too large for a cabinet (cbFile is a 32-bit field)", e.size());
            }
            if (e.size() > MAX_FOLDER_BYTES) {
                throw BadInputException.in(e.origin()).hint("cabinets cannot hold files this large; leave it uncompressed")
                        .problem("the file is %,d bytes; a cabinet folder holds at most %,d", e.size(), MAX_FOLDER_BYTES);
            }
            // A new folder when this one would pass the threshold; a larger file gets a folder of its own.
            if (inFolder > 0 && inFolder + e.size() > o.maxFolderBytes()) {
                folder++;
                inFolder = 0;
                if (folder >= MAX_FOLDERS) {
                    throw BadInputException.in(target).hint("split the files into several cabinets")
                            .problem("the files need more than %,d folders", MAX_FOLDERS);
                }
            }
            boolean utf = !isAscii(name);
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            planned.add(new PlannedFile(e, bytes, utf, folder, inFolder));
            inFolder += e.size();
        }
        return planned;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void checkName(Path target, Entry e) throws BadInputException {
        String name = e.name();
        String problem = null;
        if (name.isEmpty()) {
            problem = "the member name is empty";
        } else if (name.indexOf('\0') >= 0) {
            problem = "the member name contains a NUL character";
        } else if (name.indexOf('/') >= 0) {
            problem = "the member name '" + name + "' contains '/'; cabinets separate directories with '\\'";
        } else if (name.startsWith("\\") || name.endsWith("\\") || name.contains("\\\\")) {
            problem = "the member name '" + name + "' has an empty path component";
        } else {
            for (String part : name.split("\\\\")) {
                if (part.equals(".") || part.equals("..")) {
                    problem = "the member name '" + name + "' contains a '" + part + "' component";
                    break;
                }
            }
        }
        if (problem == null) {
            try {
                byte[] utf8 = StandardCharsets.UTF_8.newEncoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .encode(java.nio.CharBuffer.wrap(name)).array();
                int len = name.getBytes(StandardCharsets.UTF_8).length;
                if (len + 1 > CabConstants.MAX_NAME) {
                    problem = String.format("the member name is %d bytes in UTF-8; cabinets allow at most %d",
                            len, CabConstants.MAX_NAME - 1);
                }
                Objects.requireNonNull(utf8);
            } catch (CharacterCodingException ex) {
                problem = "the member name cannot be encoded (it contains an unpaired UTF-16 surrogate)";
            }
        }
        if (problem != null) {
            throw BadInputException.in(e.origin()).hint("rename the file").problem(problem);
        }
    }

    private static ByteBuffer header(Options o, List<PlannedFile> files, FolderState[] folders, boolean reserve,
                                     long headerSize, long coffFiles, long cbCabinet) {
        int size = (int) (headerSize + (long) folders.length * (CabConstants.CFFOLDER_SIZE + o.folderReserve()));
        for (PlannedFile f : files) {
            size += CabConstants.CFFILE_SIZE + f.name.length + 1;
        }
        ByteBuffer bb = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(CabConstants.SIGNATURE);
        bb.putInt(0); // reserved1
        bb.putInt((int) cbCabinet);
        bb.putInt(0); // reserved2
        bb.putInt((int) coffFiles);
        bb.putInt(0); // reserved3
        bb.put((byte) CabConstants.VERSION_MINOR);
        bb.put((byte) CabConstants.VERSION_MAJOR);
        bb.putShort((short) folders.length);
        bb.putShort((short) files.size());
        bb.putShort((short) (reserve ? CabConstants.FLAG_RESERVE_PRESENT : 0));
        bb.putShort((short) 0); // setID
        bb.putShort((short) 0); // iCabinet
        if (reserve) {
            bb.putShort((short) o.headerReserve());
            bb.put((byte) o.folderReserve());
            bb.put((byte) o.dataReserve());
            bb.position(bb.position() + o.headerReserve());
        }
        for (FolderState f : folders) {
            bb.putInt((int) f.dataStart);
            bb.putShort((short) f.blocks);
            bb.putShort((short) o.compression().typeCompress());
            bb.position(bb.position() + o.folderReserve());
        }
        for (PlannedFile f : files) {
            Instant when = o.timestamp().orElse(f.entry.mtime());
            int[] dos = dosDateTime(when);
            int attribs = f.entry.attributes() == 0 ? CabConstants.ATTR_ARCHIVE : f.entry.attributes();
            attribs &= ~CabConstants.ATTR_NAME_IS_UTF;
            if (f.utf) {
                attribs |= CabConstants.ATTR_NAME_IS_UTF;
            }
            bb.putInt((int) f.entry.size());
            bb.putInt((int) f.offsetInFolder);
            bb.putShort((short) f.folder);
            bb.putShort((short) dos[0]);
            bb.putShort((short) dos[1]);
            bb.putShort((short) attribs);
            bb.put(f.name);
            bb.put((byte) 0);
        }
        return bb;
    }

    /** {date, time} in DOS format, UTC, clamped to 1980..2107. */
    static int[] dosDateTime(Instant when) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(when.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.isBefore(DOS_EPOCH)) {
            t = DOS_EPOCH;
        } else if (t.isAfter(DOS_END)) {
            t = DOS_END;
        }
        int date = ((t.getYear() - 1980) << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();
        int time = (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() / 2);
        return new int[] {date, time};
    }

    private static void putU32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }
}
