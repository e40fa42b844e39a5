package dev.slipstream.core.pe;

import dev.slipstream.core.error.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the parts of a PE image that slipstream needs, and nothing else: the headers on open, the
 * resource tree and the version resource on demand. It reads a few hundred bytes at chosen
 * offsets, never the whole file, so a 400 MB self-extractor opens as fast as a 40 KB DLL.
 *
 * <p>Input is treated as hostile: every field that locates something is checked against the size
 * of the file before it is used, and a violation is a {@link BadInputException} that names the
 * file, the offset, what was wrong and what to do.
 *
 * <pre>{@code
 * try (PeReader r = PeReader.open(Path.of("kernel32.dll"))) {
 *     MachineType m = r.pe().machine().orElseThrow();
 *     Optional<FileVersion> v = r.versionInfo().flatMap(VersionInfo::fileVersion);
 * }
 * }</pre>
 */
public final class PeReader implements Closeable {

    /** The DOS header is 64 bytes; e_lfanew is its last field. */
    static final int DOS_HEADER_SIZE = 64;
    static final int E_LFANEW_OFFSET = 0x3C;
    static final int FILE_HEADER_SIZE = 20;
    static final int SECTION_HEADER_SIZE = 40;
    /** The optional header offset of CheckSum; the same in PE32 and PE32+. */
    static final int OPT_CHECKSUM = 64;
    /** The largest version resource we read: VS_VERSIONINFO.wLength is a 16-bit count. */
    static final int MAX_VERSION_RESOURCE = 0xFFFF;

    private static final String CORRUPT_HINT = "the file is not a valid Windows executable or is damaged; get a fresh copy";

    private final FileWindow in;
    private final boolean ownsChannel;
    private final SeekableByteChannel channel;
    private final PeFile pe;
    private ResourceDirectory resources;

    private PeReader(SeekableByteChannel channel, String source, boolean ownsChannel) throws IOException {
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.in = new FileWindow(channel, source);
        this.pe = parseHeaders();
    }

    /** Opens {@code file} and reads its headers; fails if it is not a PE image. */
    public static PeReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new PeReader(ch, file.toString(), true);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Reads the headers from an open channel, which stays open and owned by the caller. */
    public static PeReader of(SeekableByteChannel channel, String source) throws IOException {
        return new PeReader(channel, source, false);
    }

    /**
     * Whether the channel starts like a PE image ("MZ" and a "PE\0\0" signature where e_lfanew
     * points). Cheap; says nothing about whether the rest of the headers are sound.
     */
    public static boolean looksLikePe(SeekableByteChannel channel) throws IOException {
        FileWindow w = new FileWindow(channel, "");
        if (!w.contains(0, DOS_HEADER_SIZE)) {
            return false;
        }
        ByteBuffer dos = w.read(0, DOS_HEADER_SIZE, "DOS header");
        if (dos.get(0) != 'M' || dos.get(1) != 'Z') {
            return false;
        }
        long lfanew = Integer.toUnsignedLong(dos.getInt(E_LFANEW_OFFSET));
        return w.contains(lfanew, 4) && w.read(lfanew, 4, "PE signature").getInt(0) == 0x00004550;
    }

    public PeFile pe() {
        return pe;
    }

    private PeFile parseHeaders() throws IOException {
        String src = in.source();
        if (in.size() < DOS_HEADER_SIZE) {
            throw in.error(0).hint(CORRUPT_HINT).problem("too short for a DOS header (%d bytes, need 64)", in.size());
        }
        ByteBuffer dos = in.read(0, DOS_HEADER_SIZE, "DOS header");
        if (dos.get(0) != 'M' || dos.get(1) != 'Z') {
            throw in.error(0).hint("this is not a Windows executable (EXE, DLL or SYS)")
                    .problem("no MZ signature");
        }
        long lfanew = Integer.toUnsignedLong(dos.getInt(E_LFANEW_OFFSET));
        if (lfanew < 4 || !in.contains(lfanew, 4 + FILE_HEADER_SIZE)) {
            throw in.error(E_LFANEW_OFFSET).hint(CORRUPT_HINT)
                    .problem("e_lfanew points to 0x%X, outside the file (%d bytes)", lfanew, in.size());
        }
        ByteBuffer nt = in.read(lfanew, 4 + FILE_HEADER_SIZE, "NT headers");
        if (nt.getInt(0) != 0x00004550) {
            throw in.error(lfanew).hint("this is an MZ (DOS or NE/LE) executable, not a PE image")
                    .problem("no PE\\0\\0 signature where e_lfanew points");
        }
        int machine = Short.toUnsignedInt(nt.getShort(4));
        int nSections = Short.toUnsignedInt(nt.getShort(6));
        long timeDateStamp = Integer.toUnsignedLong(nt.getInt(8));
        int sizeOfOptional = Short.toUnsignedInt(nt.getShort(20));
        int characteristics = Short.toUnsignedInt(nt.getShort(22));

        long optOff = lfanew + 4 + FILE_HEADER_SIZE;
        if (sizeOfOptional < 2) {
            throw in.error(lfanew + 20).hint(CORRUPT_HINT)
                    .problem("SizeOfOptionalHeader is %d: this is an object file, not an image", sizeOfOptional);
        }
        ByteBuffer opt = in.read(optOff, sizeOfOptional, "optional header");
        int magic = Short.toUnsignedInt(opt.getShort(0));
        boolean plus;
        int dirBase;
        if (magic == PeFile.MAGIC_PE32) {
            plus = false;
            dirBase = 96;
        } else if (magic == PeFile.MAGIC_PE32_PLUS) {
            plus = true;
            dirBase = 112;
        } else {
            throw in.error(optOff).hint(CORRUPT_HINT)
                    .problem("optional header magic 0x%X is neither PE32 (0x10B) nor PE32+ (0x20B)", magic);
        }
        if (sizeOfOptional < dirBase) {
            throw in.error(lfanew + 20).hint(CORRUPT_HINT)
                    .problem("SizeOfOptionalHeader %d is too small for a %s header (%d bytes)", sizeOfOptional,
                            plus ? "PE32+" : "PE32", dirBase);
        }
        long imageBase = plus ? opt.getLong(24) : Integer.toUnsignedLong(opt.getInt(28));
        long sectionAlignment = Integer.toUnsignedLong(opt.getInt(32));
        long fileAlignment = Integer.toUnsignedLong(opt.getInt(36));
        long sizeOfImage = Integer.toUnsignedLong(opt.getInt(56));
        long sizeOfHeaders = Integer.toUnsignedLong(opt.getInt(60));
        long checksum = Integer.toUnsignedLong(opt.getInt(OPT_CHECKSUM));
        int subsystem = Short.toUnsignedInt(opt.getShort(68));
        int dllCharacteristics = Short.toUnsignedInt(opt.getShort(70));
        long numberOfRvaAndSizes = Integer.toUnsignedLong(opt.getInt(dirBase - 4));
        // The loader uses at most 16 directories, and only those the header has room for.
        int nDirs = (int) Math.min(Math.min(numberOfRvaAndSizes, DataDirectory.COUNT), (sizeOfOptional - dirBase) / 8);
        List<DataDirectory> dirs = new ArrayList<>(nDirs);
        for (int i = 0; i < nDirs; i++) {
            dirs.add(new DataDirectory(i, Integer.toUnsignedLong(opt.getInt(dirBase + 8 * i)),
                    Integer.toUnsignedLong(opt.getInt(dirBase + 8 * i + 4))));
        }

        long sectionTable = optOff + sizeOfOptional;
        long tableSize = (long) nSections * SECTION_HEADER_SIZE;
        if (!in.contains(sectionTable, tableSize)) {
            throw in.error(sectionTable).hint(CORRUPT_HINT)
                    .problem("the section table (%d sections) runs past the end of the file (%d bytes)", nSections,
                            in.size());
        }
        ByteBuffer st = in.read(sectionTable, (int) tableSize, "section table");
        List<PeSection> sections = new ArrayList<>(nSections);
        long overlay = sectionTable + tableSize;
        if (sizeOfHeaders <= in.size()) {
            overlay = Math.max(overlay, sizeOfHeaders);
        }
        for (int i = 0; i < nSections; i++) {
            int b = i * SECTION_HEADER_SIZE;
            byte[] rawName = new byte[8];
            st.get(b, rawName);
            int len = 0;
            while (len < 8 && rawName[len] != 0) {
                len++;
            }
            String name = new String(rawName, 0, len, StandardCharsets.ISO_8859_1);
            long vsize = Integer.toUnsignedLong(st.getInt(b + 8));
            long va = Integer.toUnsignedLong(st.getInt(b + 12));
            long rawSize = Integer.toUnsignedLong(st.getInt(b + 16));
            long rawPtr = Integer.toUnsignedLong(st.getInt(b + 20));
            int sc = st.getInt(b + 36);
            long headerOffset = sectionTable + b;
            if (rawSize > 0 && !in.contains(rawPtr, rawSize)) {
                throw in.error(headerOffset).hint("the file is truncated or damaged; get a fresh copy")
                        .problem("section %d '%s' declares raw data at 0x%X..0x%X, past the end of the file (%d bytes)",
                                i, name, rawPtr, rawPtr + rawSize, in.size());
            }
            PeSection s = new PeSection(name, vsize, va, rawSize, rawPtr, sc);
            sections.add(s);
            if (rawSize > 0) {
                overlay = Math.max(overlay, s.rawEnd());
            }
        }

        CertificateTable cert = null;
        if (nDirs > DataDirectory.SECURITY) {
            DataDirectory sec = dirs.get(DataDirectory.SECURITY);
            if (sec.isPresent()) {
                if (!in.contains(sec.address(), sec.size())) {
                    throw in.error(optOff + dirBase + 8L * DataDirectory.SECURITY)
                            .hint("the signature was cut off or the file was damaged; get a fresh copy")
                            .problem("the certificate table at 0x%X (%d bytes) runs past the end of the file (%d bytes)",
                                    sec.address(), sec.size(), in.size());
                }
                cert = new CertificateTable(sec.address(), sec.size());
            }
        }
        return new PeFile(src, in.size(), lfanew, machine, timeDateStamp, characteristics, magic, imageBase,
                sectionAlignment, fileAlignment, sizeOfImage, sizeOfHeaders, checksum, optOff + OPT_CHECKSUM, subsystem,
                dllCharacteristics, dirs, sections, overlay, cert);
    }

    /**
     * The resource tree (type / name / language), read on first use. Empty when the image has no
     * resource directory.
     */
    public ResourceDirectory resources() throws IOException {
        if (resources == null) {
            resources = ResourceDirectory.read(in, pe);
        }
        return resources;
    }

    /**
     * The image's version resource (RT_VERSION), parsed; empty when it has none. When several
     * languages exist the first in the tree wins, as Windows' own version APIs do for neutral
     * lookups.
     */
    public Optional<VersionInfo> versionInfo() throws IOException {
        Optional<ResourceEntry> e = resources().first(ResourceId.RT_VERSION);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        ResourceEntry entry = e.get();
        int length = (int) Math.min(entry.size(), MAX_VERSION_RESOURCE);
        ByteBuffer data = readResource(entry, length);
        return Optional.of(VersionInfo.parse(data, in.source(), entry.fileOffset()));
    }

    /** The first {@code maxBytes} of a resource's data (bounded by its size and the file). */
    public ByteBuffer readResource(ResourceEntry entry, int maxBytes) throws IOException {
        if (entry.fileOffset() < 0) {
            throw in.error(-1).hint(CORRUPT_HINT)
                    .problem("resource %s: its data RVA 0x%X lies outside every section's raw data", entry.path(),
                            entry.dataRva());
        }
        int length = (int) Math.min(entry.size(), Math.max(0, maxBytes));
        return in.read(entry.fileOffset(), length, "resource " + entry.path());
    }

    /** The file offset of {@code rva}; see {@link PeFile#rvaToOffset(long)}. */
    public OptionalLong rvaToOffset(long rva) {
        return pe.rvaToOffset(rva);
    }

    @Override
    public void close() throws IOException {
        if (ownsChannel) {
            channel.close();
        }
    }

    static BadInputException corrupt(FileWindow in, long offset, String format, Object... args) {
        return in.error(offset).hint(CORRUPT_HINT).problem(format, args);
    }
}
