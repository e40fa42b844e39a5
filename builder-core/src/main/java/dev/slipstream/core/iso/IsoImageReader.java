package dev.slipstream.core.iso;

import static dev.slipstream.core.iso.IsoConstants.SECTOR;

import dev.slipstream.core.error.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an ISO-9660 image without mounting it: volume descriptors (primary, Joliet, El Torito),
 * the directory trees with Rock Ridge names, multi-extent files and the boot catalog. File
 * contents come out as {@link ContentSource}s over regions of the image, so an engine can stream
 * a customer's CD straight into a new one.
 *
 * <p>Hostile images are expected: every directory is read at most once (loops end), the
 * directory bytes read are bounded by the image size (overlapping directories end), continuation
 * areas are bounded in number and never revisited, and nothing is allocated from a size the
 * image has not shown it holds. Problems throw {@link BadInputException} naming the image, the
 * offset and what is wrong.
 */
public final class IsoImageReader implements Closeable {

    /** Depth below which directories are not followed; real media stay far below it. */
    static final int MAX_DEPTH = 256;
    /** Continuation areas (Rock Ridge CE) followed per directory record. */
    static final int MAX_CONTINUATIONS = 32;
    /** Catalog entries read; 64 sectors of 32-byte entries. */
    static final int MAX_CATALOG_ENTRIES = 64 * SECTOR / 32;

    private final Path image;
    private final FileChannel channel;
    private final long imageSize;
    private final List<VolumeDescriptor> descriptors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private byte[] pvd;
    private byte[] joliet;
    private int jolietLevel;
    private long bootCatalogLba = -1;
    private int susSkip = -1; // Rock Ridge: bytes to skip in each system use area; -1 = no Rock Ridge
    private boolean rockRidge;

    /** A volume descriptor as found in the set. */
    public record VolumeDescriptor(long lba, int type, String description, String volumeId, long volumeSpaceSize) {
    }

    private IsoImageReader(Path image, FileChannel channel) throws IOException {
        this.image = image;
        this.channel = channel;
        this.imageSize = channel.size();
    }

    public static IsoImageReader open(Path image) throws IOException {
        FileChannel ch = FileChannel.open(image, StandardOpenOption.READ);
        try {
            IsoImageReader r = new IsoImageReader(image, ch);
            r.readDescriptors();
            r.detectRockRidge();
            return r;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path image() {
        return image;
    }

    public long imageSize() {
        return imageSize;
    }

    public List<VolumeDescriptor> volumeDescriptors() {
        return Collections.unmodifiableList(descriptors);
    }

    /** Things that were odd but did not stop reading (skipped records, bad catalog checksum). */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public boolean hasJoliet() {
        return joliet != null;
    }

    /** The Joliet UCS-2 level (1-3), or 0 without Joliet. */
    public int jolietLevel() {
        return jolietLevel;
    }

    public boolean hasRockRidge() {
        return rockRidge;
    }

    /** The namespace tools show by default: Rock Ridge, else Joliet, else plain ISO-9660. */
    public IsoNamespace defaultNamespace() {
        return rockRidge ? IsoNamespace.ROCK_RIDGE : joliet != null ? IsoNamespace.JOLIET : IsoNamespace.ISO9660;
    }

    /** Volume space size from the primary descriptor, in sectors. */
    public long volumeSpaceSize() {
        return IsoBytes.le32(pvd, 80);
    }

    /** The primary volume descriptor's identifying fields and dates. */
    public IsoVolumeInfo volumeInfo() {
        return new IsoVolumeInfo(
                IsoBytes.asciiField(pvd, 8, 32), IsoBytes.asciiField(pvd, 40, 32), IsoBytes.asciiField(pvd, 190, 128),
                IsoBytes.asciiField(pvd, 318, 128), IsoBytes.asciiField(pvd, 446, 128),
                IsoBytes.asciiField(pvd, 574, 128), IsoBytes.asciiField(pvd, 702, 37),
                IsoBytes.asciiField(pvd, 739, 37), IsoBytes.asciiField(pvd, 776, 37),
                IsoBytes.decDate(pvd, 813), IsoBytes.decDate(pvd, 830), IsoBytes.decDate(pvd, 847),
                IsoBytes.decDate(pvd, 864));
    }

    /** The Joliet volume id, or empty without Joliet. */
    public Optional<String> jolietVolumeId() {
        return joliet == null ? Optional.empty() : Optional.of(IsoBytes.ucs2Field(joliet, 40, 32));
    }

    // ---------------------------------------------------------------------------------------
    // Volume descriptors

    private void readDescriptors() throws IOException {
        if (imageSize < (IsoConstants.FIRST_DESCRIPTOR_SECTOR + 1L) * SECTOR) {
            throw bad(0).hint("an ISO image holds at least 17 sectors of 2048 bytes")
                    .problem("only %d bytes; too small to be an ISO-9660 image", imageSize);
        }
        long maxLba = Math.min(imageSize / SECTOR, IsoConstants.FIRST_DESCRIPTOR_SECTOR + 256L);
        for (long lba = IsoConstants.FIRST_DESCRIPTOR_SECTOR; lba < maxLba; lba++) {
            byte[] b = read(lba * SECTOR, SECTOR);
            if (!isStandardId(b)) {
                if (lba == IsoConstants.FIRST_DESCRIPTOR_SECTOR) {
                    throw bad(lba * SECTOR).hint("is this really an ISO-9660 (CD) image? UDF-only and raw "
                            + "2352-byte-sector images are not supported").problem("no 'CD001' volume descriptor at sector 16");
                }
                warnings.add("sector " + lba + ": volume descriptor set ends without a terminator");
                break;
            }
            int type = b[0] & 0xFF;
            switch (type) {
                case IsoConstants.VD_PRIMARY -> {
                    if (pvd == null) {
                        pvd = b;
                    }
                    descriptors.add(new VolumeDescriptor(lba, type, "primary", IsoBytes.asciiField(b, 40, 32), IsoBytes.le32(b, 80)));
                }
                case IsoConstants.VD_SUPPLEMENTARY -> {
                    int level = jolietLevelOf(b);
                    if (level > 0 && joliet == null) {
                        joliet = b;
                        jolietLevel = level;
                    }
                    descriptors.add(new VolumeDescriptor(lba, type,
                            level > 0 ? "supplementary (Joliet, UCS-2 level " + level + ")" : (b[6] == 2 ? "enhanced (ISO 9660:1999)" : "supplementary"),
                            level > 0 ? IsoBytes.ucs2Field(b, 40, 32) : IsoBytes.asciiField(b, 40, 32), IsoBytes.le32(b, 80)));
                }
                case IsoConstants.VD_BOOT_RECORD -> {
                    String sys = IsoBytes.asciiField(b, 7, 32);
                    boolean elTorito = sys.equals(IsoConstants.EL_TORITO_ID);
                    if (elTorito && bootCatalogLba < 0) {
                        bootCatalogLba = IsoBytes.le32(b, IsoConstants.BOOT_RECORD_CATALOG_OFFSET);
                    }
                    descriptors.add(new VolumeDescriptor(lba, type, elTorito ? "boot record (El Torito)" : "boot record (" + sys + ")", "", 0));
                }
                case IsoConstants.VD_TERMINATOR -> {
                    descriptors.add(new VolumeDescriptor(lba, type, "terminator", "", 0));
                    lba = maxLba;
                }
                default -> descriptors.add(new VolumeDescriptor(lba, type, "type " + type, "", 0));
            }
        }
        if (pvd == null) {
            throw bad(IsoConstants.FIRST_DESCRIPTOR_SECTOR * SECTOR).problem("no primary volume descriptor");
        }
        if (IsoBytes.le16(pvd, 128) != SECTOR) {
            throw bad(IsoConstants.FIRST_DESCRIPTOR_SECTOR * SECTOR + 128)
                    .problem("logical block size %d; only 2048 is supported", IsoBytes.le16(pvd, 128));
        }
    }

    private static boolean isStandardId(byte[] b) {
        for (int i = 0; i < 5; i++) {
            if (b[1 + i] != IsoConstants.STANDARD_ID[i]) {
                return false;
            }
        }
        return true;
    }

    private static int jolietLevelOf(byte[] b) {
        for (int off = 88; off + 3 <= 120; off++) {
            for (int l = 0; l < 3; l++) {
                byte[] e = IsoConstants.JOLIET_ESCAPES[l];
                if (b[off] == e[0] && b[off + 1] == e[1] && b[off + 2] == e[2]) {
                    return l + 1;
                }
            }
        }
        return 0;
    }

    private void detectRockRidge() throws IOException {
        Record root = rootRecord(pvd, IsoNamespace.ISO9660);
        if (root.extent.length() == 0) {
            return;
        }
        byte[] first = read(root.extent.lba() * SECTOR, SECTOR);
        int len = first[0] & 0xFF;
        if (len < 34) {
            return;
        }
        int suStart = 34;
        if (len >= suStart + 7 && first[suStart] == 'S' && first[suStart + 1] == 'P'
                && (first[suStart + 4] & 0xFF) == 0xBE && (first[suStart + 5] & 0xFF) == 0xEF) {
            susSkip = first[suStart + 6] & 0xFF;
            SystemUse su = new SystemUse();
            parseSystemUse(first, suStart, len, root.extent.lba() * SECTOR, su, 0);
            rockRidge = su.rockRidge;
            if (!rockRidge) {
                // Some writers put RR markers only on the other records: look at the next one.
                int next = len;
                int l2 = next < SECTOR ? first[next] & 0xFF : 0;
                if (l2 >= 34 && next + l2 <= SECTOR) {
                    SystemUse su2 = new SystemUse();
                    int idLen = first[next + 32] & 0xFF;
                    int s = next + 33 + idLen + ((idLen & 1) == 0 ? 1 : 0) + susSkip;
                    parseSystemUse(first, s, next + l2, root.extent.lba() * SECTOR, su2, 0);
                    rockRidge = su2.rockRidge;
                }
            }
            if (!rockRidge) {
                susSkip = -1;
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Directory records

    /** A parsed directory record (one extent). */
    private static final class Record {
        String name;
        boolean dir;
        boolean hidden;
        boolean notFinal;
        boolean self; // the "." (0x00) or ".." (0x01) record, not a name
        IsoEntry.Extent extent;
        Instant date;
        SystemUse su;
    }

    /** What the Rock Ridge entries of one record say. */
    private static final class SystemUse {
        boolean rockRidge;
        StringBuilder name;
        boolean nameContinues;
        long childLink = -1;
        boolean relocated;
        String symlink;
        StringBuilder symlinkBuf;
        int mode = -1;
        long zisofsSize = -1;
    }

    private Record rootRecord(byte[] vd, IsoNamespace ns) throws BadInputException {
        Record r = parseRecord(vd, 156, vd.length, 0, ns == IsoNamespace.JOLIET, false);
        if (r == null || !r.dir) {
            throw bad(0).problem("the %s volume descriptor's root directory record is invalid",
                    ns == IsoNamespace.JOLIET ? "Joliet" : "primary");
        }
        return r;
    }

    /** Parses the record at {@code pos}; {@code null} for an empty record (skip to the next sector). */
    private Record parseRecord(byte[] b, int pos, int end, long fileOffset, boolean jolietNames, boolean withRr)
            throws BadInputException {
        int len = b[pos] & 0xFF;
        if (len == 0) {
            return null;
        }
        int idLen = pos + 32 < end ? b[pos + 32] & 0xFF : 0;
        if (len < 34 || pos + len > end || 33 + idLen > len) {
            throw bad(fileOffset + pos).hint("the image is corrupt or was truncated")
                    .problem("invalid directory record (length %d, identifier length %d)", len, idLen);
        }
        Record r = new Record();
        long lba = IsoBytes.le32(b, pos + 2) + (b[pos + 1] & 0xFF);
        long size = IsoBytes.le32(b, pos + 10);
        r.extent = new IsoEntry.Extent(lba, size);
        r.date = IsoBytes.recordDate(b, pos + 18);
        int flags = b[pos + 25] & 0xFF;
        r.dir = (flags & IsoConstants.FLAG_DIRECTORY) != 0;
        r.hidden = (flags & IsoConstants.FLAG_HIDDEN) != 0;
        r.notFinal = (flags & IsoConstants.FLAG_NOT_FINAL) != 0;
        int idOff = pos + 33;
        if (idLen == 1 && (b[idOff] == 0 || b[idOff] == 1)) {
            r.name = b[idOff] == 0 ? "." : "..";
            r.self = true;
        } else if (jolietNames) {
            String s = new String(b, idOff, idLen & ~1, StandardCharsets.UTF_16BE);
            r.name = stripVersion(s);
        } else {
            String s = new String(b, idOff, idLen, StandardCharsets.ISO_8859_1);
            s = stripVersion(s);
            if (!r.dir && s.endsWith(".") && !s.chars().allMatch(c -> c == '.')) {
                s = s.substring(0, s.length() - 1);
            }
            r.name = s;
        }
        if (withRr && susSkip >= 0) {
            int su = idOff + idLen + ((idLen & 1) == 0 ? 1 : 0) + susSkip;
            r.su = new SystemUse();
            parseSystemUse(b, su, pos + len, fileOffset, r.su, 0);
        }
        return r;
    }

    private static String stripVersion(String s) {
        int semi = s.lastIndexOf(';');
        if (semi > 0 && s.substring(semi + 1).chars().allMatch(Character::isDigit)) {
            return s.substring(0, semi);
        }
        return s;
    }

    /**
     * Reads SUSP/Rock Ridge entries from {@code b[start, end)}; CE continuation areas are followed,
     * at most {@link #MAX_CONTINUATIONS} of them and never the same one twice.
     */
    private void parseSystemUse(byte[] b, int start, int end, long fileOffset, SystemUse su, int unused)
            throws BadInputException {
        Set<Long> seen = new HashSet<>();
        ArrayDeque<long[]> pending = new ArrayDeque<>();
        byte[] area = b;
        int pos = start;
        int limit = end;
        long areaOffset = fileOffset;
        for (int hop = 0; ; hop++) {
            while (pos + 4 <= limit) {
                int len = area[pos + 2] & 0xFF;
                if (len < 4 || pos + len > limit) {
                    break;
                }
                char s0 = (char) (area[pos] & 0xFF);
                char s1 = (char) (area[pos + 1] & 0xFF);
                String sig = "" + s0 + s1;
                switch (sig) {
                    case "CE" -> {
                        if (len >= 28) {
                            pending.add(new long[] {IsoBytes.le32(area, pos + 4), IsoBytes.le32(area, pos + 12),
                                IsoBytes.le32(area, pos + 20)});
                        }
                    }
                    case "NM" -> {
                        if (len >= 5) {
                            int flags = area[pos + 4] & 0xFF;
                            su.rockRidge = true;
                            if ((flags & 0x06) == 0) {
                                if (su.name == null || !su.nameContinues) {
                                    su.name = new StringBuilder();
                                }
                                su.name.append(new String(area, pos + 5, len - 5, StandardCharsets.UTF_8));
                                su.nameContinues = (flags & 1) != 0;
                            }
                        }
                    }
                    case "CL" -> {
                        if (len >= 12) {
                            su.childLink = IsoBytes.le32(area, pos + 4);
                        }
                        su.rockRidge = true;
                    }
                    case "RE" -> {
                        su.relocated = true;
                        su.rockRidge = true;
                    }
                    case "PX" -> {
                        if (len >= 12) {
                            su.mode = (int) IsoBytes.le32(area, pos + 4);
                        }
                        su.rockRidge = true;
                    }
                    case "SL" -> {
                        su.rockRidge = true;
                        symlinkComponents(area, pos, len, su);
                    }
                    case "ZF" -> {
                        if (len >= 16) {
                            int log2 = area[pos + 7] & 0xFF;
                            if (area[pos + 4] == (byte) 'p' && area[pos + 5] == (byte) 'z' && area[pos + 6] == 4
                                    && log2 >= 15 && log2 <= 17
                                    && IsoBytes.le32(area, pos + 8) == IsoBytes.be32(area, pos + 12)) {
                                su.zisofsSize = IsoBytes.le32(area, pos + 8);
                            } else {
                                // As xorriso does: an inconsistent ZF entry is ignored, the stored bytes are the file.
                                warnings.add(String.format("offset %d: invalid zisofs (ZF) entry ignored", areaOffset + pos));
                            }
                        }
                    }
                    case "RR", "TF", "PN", "SF" -> su.rockRidge = true;
                    case "ER" -> {
                        su.rockRidge = true;
                    }
                    case "ST" -> pos = limit;
                    default -> {
                        // Other SUSP entries (PD, AA, AL, ...) are not needed.
                    }
                }
                pos += len;
            }
            if (pending.isEmpty()) {
                break;
            }
            if (hop >= MAX_CONTINUATIONS) {
                warnings.add(String.format("offset %d: more than %d Rock Ridge continuation areas; the rest ignored",
                        fileOffset, MAX_CONTINUATIONS));
                break;
            }
            long[] ce = pending.poll();
            long off = ce[0] * SECTOR + ce[1];
            int n = (int) Math.min(ce[2], SECTOR);
            if (!seen.add(off) || ce[1] >= SECTOR || off + n > imageSize || n < 4) {
                if (off + n > imageSize || ce[1] >= SECTOR) {
                    warnings.add(String.format("offset %d: Rock Ridge continuation area outside the image ignored", fileOffset));
                } else if (n >= 4) {
                    warnings.add(String.format("offset %d: Rock Ridge continuation loop broken at offset %d", fileOffset, off));
                }
                pending.clear();
                break;
            }
            try {
                area = read(off, n);
            } catch (IOException e) {
                throw bad(off).problem(e, "cannot read a Rock Ridge continuation area: " + e.getMessage());
            }
            areaOffset = off;
            pos = 0;
            limit = n;
        }
        if (su.symlinkBuf != null) {
            su.symlink = su.symlinkBuf.toString();
        }
    }

    private static void symlinkComponents(byte[] a, int pos, int len, SystemUse su) {
        if (su.symlinkBuf == null) {
            su.symlinkBuf = new StringBuilder();
        }
        int p = pos + 5;
        int end = pos + len;
        while (p + 2 <= end) {
            int flags = a[p] & 0xFF;
            int clen = a[p + 1] & 0xFF;
            if (p + 2 + clen > end) {
                break;
            }
            if (su.symlinkBuf.length() > 0 && su.symlinkBuf.charAt(su.symlinkBuf.length() - 1) != '/') {
                su.symlinkBuf.append('/');
            }
            if ((flags & 0x02) != 0) {
                su.symlinkBuf.append('.');
            } else if ((flags & 0x04) != 0) {
                su.symlinkBuf.append("..");
            } else if ((flags & 0x08) != 0) {
                su.symlinkBuf.append('/');
            } else {
                su.symlinkBuf.append(new String(a, p + 2, clen, StandardCharsets.UTF_8));
            }
            p += 2 + clen;
        }
    }

    // ---------------------------------------------------------------------------------------
    // The walk

    /** Every entry of the default namespace; each directory comes before its contents. */
    public List<IsoEntry> entries() throws IOException {
        return entries(defaultNamespace());
    }

    /** Every entry of {@code ns}, each directory before its contents. */
    public List<IsoEntry> entries(IsoNamespace ns) throws IOException {
        if (ns == IsoNamespace.JOLIET && joliet == null) {
            throw bad(0).problem("the image has no Joliet volume descriptor");
        }
        if (ns == IsoNamespace.ROCK_RIDGE && !rockRidge) {
            throw bad(0).problem("the image has no Rock Ridge entries");
        }
        boolean j = ns == IsoNamespace.JOLIET;
        boolean rr = ns == IsoNamespace.ROCK_RIDGE;
        Record root = rootRecord(j ? joliet : pvd, ns);
        List<IsoEntry> out = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        long[] budget = {imageSize + SECTOR};
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {"", root.extent, 0});
        while (!stack.isEmpty()) {
            Object[] top = stack.pop();
            String dirPath = (String) top[0];
            IsoEntry.Extent ext = (IsoEntry.Extent) top[1];
            int depth = (Integer) top[2];
            if (!visited.add(ext.lba())) {
                warnings.add("directory '/" + dirPath + "' at sector " + ext.lba() + " was already read; loop broken");
                continue;
            }
            if (depth > MAX_DEPTH) {
                warnings.add("directory '/" + dirPath + "' is nested deeper than " + MAX_DEPTH + " levels; not followed");
                continue;
            }
            List<Record> records = readDirectory(ext, j, rr, budget, dirPath);
            List<IsoEntry> subdirs = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                Record r = records.get(i);
                if (r.self) {
                    continue;
                }
                String name = r.name;
                boolean dir = r.dir;
                IsoEntry.Extent dirExtent = r.extent;
                String symlink = null;
                long zisofs = -1;
                if (rr && r.su != null) {
                    if (r.su.relocated) {
                        continue; // shown where its CL placeholder is
                    }
                    if (r.su.name != null && r.su.name.length() > 0) {
                        name = r.su.name.toString();
                    }
                    if (r.su.childLink >= 0) {
                        dir = true;
                        dirExtent = relocatedExtent(r.su.childLink);
                    }
                    symlink = r.su.symlink;
                    if (r.su.zisofsSize >= 0) {
                        zisofs = r.su.zisofsSize;
                    }
                }
                name = safeName(name, dirPath);
                if (name == null) {
                    continue;
                }
                String path = dirPath.isEmpty() ? name : dirPath + "/" + name;
                if (dir) {
                    IsoEntry e = new IsoEntry(path, true, 0, List.of(dirExtent), r.date, r.hidden, false, null);
                    out.add(e);
                    subdirs.add(e);
                    continue;
                }
                List<IsoEntry.Extent> extents = new ArrayList<>();
                extents.add(r.extent);
                long size = r.extent.length();
                while (r.notFinal && i + 1 < records.size() && records.get(i + 1).name.equals(r.name)) {
                    r = records.get(++i);
                    extents.add(r.extent);
                    size += r.extent.length();
                }
                out.add(new IsoEntry(path, false, zisofs >= 0 ? zisofs : size, List.copyOf(extents), r.date,
                        r.hidden, zisofs >= 0, symlink));
            }
            for (int k = subdirs.size() - 1; k >= 0; k--) {
                IsoEntry d = subdirs.get(k);
                stack.push(new Object[] {d.path(), d.extents().get(0), depth + 1});
            }
        }
        return out;
    }

    private IsoEntry.Extent relocatedExtent(long lba) throws IOException {
        if (lba * SECTOR + SECTOR > imageSize) {
            throw bad(lba * SECTOR).problem("Rock Ridge child link points outside the image (sector %d)", lba);
        }
        byte[] s = read(lba * SECTOR, SECTOR);
        Record dot = parseRecord(s, 0, SECTOR, lba * SECTOR, false, false);
        if (dot == null || !dot.name.equals(".")) {
            throw bad(lba * SECTOR).problem("Rock Ridge child link to sector %d, which holds no directory", lba);
        }
        return new IsoEntry.Extent(lba, dot.extent.length());
    }

    /** A name that cannot leave its directory when extracted, or {@code null} to skip the record. */
    private String safeName(String name, String dirPath) {
        String n = name.replace('/', '_').replace('\0', '_');
        if (n.isEmpty() || n.equals(".") || n.equals("..")) {
            warnings.add("directory '/" + dirPath + "': record named '" + name + "' skipped");
            return null;
        }
        return n;
    }

    private List<Record> readDirectory(IsoEntry.Extent ext, boolean j, boolean rr, long[] budget, String dirPath)
            throws IOException {
        long start = ext.lba() * SECTOR;
        long len = ext.length();
        if (start + len > imageSize || len < 0) {
            throw bad(start).hint("the image is truncated or corrupt")
                    .problem("directory '/%s' claims %d bytes at sector %d, beyond the image end (%d bytes)",
                            dirPath, len, ext.lba(), imageSize);
        }
        budget[0] -= len;
        if (budget[0] < 0) {
            throw bad(start).hint("the image is corrupt or hostile")
                    .problem("directories claim more bytes than the image holds (overlapping directories)");
        }
        List<Record> records = new ArrayList<>();
        for (long s = 0; s < len; s += SECTOR) {
            int n = (int) Math.min(SECTOR, len - s);
            byte[] b = read(start + s, n);
            int pos = 0;
            while (pos < n) {
                Record r = parseRecord(b, pos, n, start + s, j, rr);
                if (r == null) {
                    break;
                }
                records.add(r);
                pos += b[pos] & 0xFF;
            }
        }
        return records;
    }

    // ---------------------------------------------------------------------------------------
    // Path tables

    /**
     * One path table record: directory number {@code number} (1 = root) named {@code name}, at
     * sector {@code lba}, below directory {@code parent}.
     */
    public record PathTableEntry(int number, String name, long lba, int parent) {
    }

    /**
     * The type L ({@code littleEndian}) or type M path table of the primary or Joliet volume
     * descriptor: the flat list of directories that DOS-era readers (and NT5's boot code) use
     * instead of walking the tree.
     */
    public List<PathTableEntry> pathTable(IsoNamespace ns, boolean littleEndian) throws IOException {
        byte[] vd = ns == IsoNamespace.JOLIET ? joliet : pvd;
        if (vd == null) {
            throw bad(0).problem("the image has no Joliet volume descriptor");
        }
        long size = IsoBytes.le32(vd, 132);
        long lba = littleEndian ? IsoBytes.le32(vd, 140) : IsoBytes.be32(vd, 148);
        if (size > 64L * 1024 * 1024 || lba * SECTOR + size > imageSize) {
            throw bad(lba * SECTOR).problem("path table of %d bytes at sector %d does not fit the image", size, lba);
        }
        byte[] b = read(lba * SECTOR, (int) size);
        List<PathTableEntry> out = new ArrayList<>();
        int pos = 0;
        while (pos + 8 <= b.length) {
            int len = b[pos] & 0xFF;
            if (len == 0 || pos + 8 + len > b.length) {
                break;
            }
            long extent = littleEndian ? IsoBytes.le32(b, pos + 2) : IsoBytes.be32(b, pos + 2);
            int parent = littleEndian ? IsoBytes.le16(b, pos + 6) : ((b[pos + 6] & 0xFF) << 8 | (b[pos + 7] & 0xFF));
            String name = len == 1 && b[pos + 8] == 0 ? ""
                    : ns == IsoNamespace.JOLIET ? new String(b, pos + 8, len & ~1, StandardCharsets.UTF_16BE)
                    : new String(b, pos + 8, len, StandardCharsets.ISO_8859_1);
            out.add(new PathTableEntry(out.size() + 1, name, extent, parent));
            pos += 8 + len + (len & 1);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------
    // Content

    /** The bytes of a regular file, as a region (or regions) of the image. */
    public ContentSource content(IsoEntry e) throws BadInputException {
        if (!e.isRegularFile()) {
            throw bad(0).problem("'%s' is not a regular file", e.path());
        }
        if (e.zisofs()) {
            return new ZisofsContent(this, e);
        }
        for (IsoEntry.Extent x : e.extents()) {
            if (x.lba() * SECTOR + x.length() > imageSize) {
                throw bad(x.lba() * SECTOR).hint("the image is truncated or corrupt")
                        .problem("'%s' claims %d bytes at sector %d, beyond the image end (%d bytes)",
                                e.path(), x.length(), x.lba(), imageSize);
            }
        }
        if (e.extents().size() == 1) {
            IsoEntry.Extent x = e.extents().get(0);
            return new NamedRegion(ContentSource.ofRegion(image, x.lba() * SECTOR, x.length()), image + ":/" + e.path());
        }
        List<ContentSource> parts = new ArrayList<>();
        for (IsoEntry.Extent x : e.extents()) {
            parts.add(ContentSource.ofRegion(image, x.lba() * SECTOR, x.length()));
        }
        return new ConcatenatedContent(parts, image + ":/" + e.path());
    }

    /** Reads {@code n} bytes at {@code offset} of the image (for ZisofsContent). */
    byte[] readAt(long offset, int n) throws IOException {
        return read(offset, n);
    }

    // ---------------------------------------------------------------------------------------
    // El Torito

    public Optional<ElToritoCatalog> bootCatalog() throws IOException {
        if (bootCatalogLba < 0) {
            return Optional.empty();
        }
        long off = bootCatalogLba * SECTOR;
        if (off + 32 > imageSize) {
            throw bad(off).problem("the El Torito boot catalog at sector %d is outside the image", bootCatalogLba);
        }
        int maxEntries = (int) Math.min(MAX_CATALOG_ENTRIES, (imageSize - off) / 32);
        byte[] b = read(off, maxEntries * 32);
        int sum = 0;
        for (int i = 0; i < 32; i += 2) {
            sum += IsoBytes.le16(b, i);
        }
        boolean valid = b[0] == 1 && (b[30] & 0xFF) == 0x55 && (b[31] & 0xFF) == 0xAA && (sum & 0xFFFF) == 0;
        if (!valid) {
            warnings.add("El Torito validation entry at sector " + bootCatalogLba + " is invalid (header, key or checksum)");
        }
        List<ElToritoCatalog.BootImage> images = new ArrayList<>();
        if (maxEntries >= 2) {
            images.add(bootImage(b, 32, 0, b[1] & 0xFF, ""));
        }
        int pos = 64;
        while (pos + 32 <= maxEntries * 32) {
            int header = b[pos] & 0xFF;
            if (header != IsoConstants.CATALOG_SECTION_MORE && header != IsoConstants.CATALOG_SECTION_LAST) {
                break;
            }
            int platform = b[pos + 1] & 0xFF;
            int count = IsoBytes.le16(b, pos + 2);
            String id = IsoBytes.asciiField(b, pos + 4, 28);
            pos += 32;
            for (int k = 0; k < count && pos + 32 <= maxEntries * 32; k++) {
                int ind = b[pos] & 0xFF;
                if (ind == 0x44) { // extension entry of the previous one
                    k--;
                    pos += 32;
                    continue;
                }
                images.add(bootImage(b, pos, images.size(), platform, id));
                pos += 32;
            }
            if (header == IsoConstants.CATALOG_SECTION_LAST) {
                break;
            }
        }
        return Optional.of(new ElToritoCatalog(bootCatalogLba, b[1] & 0xFF, IsoBytes.asciiField(b, 4, 24), valid,
                List.copyOf(images)));
    }

    private static ElToritoCatalog.BootImage bootImage(byte[] b, int pos, int index, int platform, String id) {
        return new ElToritoCatalog.BootImage(index, (b[pos] & 0xFF) == IsoConstants.CATALOG_BOOTABLE, platform,
                b[pos + 1] & 0x0F, IsoBytes.le16(b, pos + 2), b[pos + 4] & 0xFF, IsoBytes.le16(b, pos + 6),
                IsoBytes.le32(b, pos + 8), id);
    }

    /**
     * The bytes of a boot image as 7-Zip extracts them ({@code [BOOT]/Boot-NoEmul.img}): the
     * sectors the BIOS loads for no emulation, cut at the image end.
     */
    public ContentSource bootImageContent(ElToritoCatalog.BootImage img) throws BadInputException {
        long start = img.lba() * SECTOR;
        if (start >= imageSize) {
            throw bad(start).problem("boot image %d at sector %d is outside the image", img.index() + 1, img.lba());
        }
        long size = Math.min(img.nominalSize(), imageSize - start);
        return new NamedRegion(ContentSource.ofRegion(image, start, size), image + ":[BOOT]/" + img.fileName(1));
    }

    // ---------------------------------------------------------------------------------------

    private byte[] read(long offset, int n) throws IOException {
        if (offset < 0 || offset + n > imageSize) {
            throw bad(offset).hint("the image is truncated or corrupt")
                    .problem("needs %d bytes at offset %d, beyond the image end (%d bytes)", n, offset, imageSize);
        }
        byte[] b = new byte[n];
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            if (channel.read(buf, offset + buf.position()) < 0) {
                throw bad(offset).problem("unexpected end of the image");
            }
        }
        return b;
    }

    private BadInputException.Builder bad(long offset) {
        return BadInputException.in(image).atOffset(offset);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A region of the image named by its path inside the image, for error messages. */
    private static final class NamedRegion implements ContentSource {
        private final ContentSource region;
        private final String name;

        NamedRegion(ContentSource region, String name) {
            this.region = region;
            this.name = name;
        }

        @Override
        public long size() throws IOException {
            return region.size();
        }

        @Override
        public ReadableByteChannel open() throws IOException {
            return region.open();
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public long transferTo(WritableByteChannel out) throws IOException {
            return region.transferTo(out);
        }
    }

    /** The extents of a multi-extent file, one after the other. */
    private static final class ConcatenatedContent implements ContentSource {
        private final List<ContentSource> parts;
        private final String name;

        ConcatenatedContent(List<ContentSource> parts, String name) {
            this.parts = parts;
            this.name = name;
        }

        @Override
        public long size() throws IOException {
            long s = 0;
            for (ContentSource p : parts) {
                s += p.size();
            }
            return s;
        }

        @Override
        public ReadableByteChannel open() throws IOException {
            return new ReadableByteChannel() {
                int idx;
                ReadableByteChannel cur;
                boolean open = true;

                @Override
                public int read(ByteBuffer dst) throws IOException {
                    while (idx < parts.size()) {
                        if (cur == null) {
                            cur = parts.get(idx).open();
                        }
                        int n = cur.read(dst);
                        if (n >= 0) {
                            return n;
                        }
                        cur.close();
                        cur = null;
                        idx++;
                    }
                    return -1;
                }

                @Override
                public boolean isOpen() {
                    return open;
                }

                @Override
                public void close() throws IOException {
                    open = false;
                    if (cur != null) {
                        cur.close();
                    }
                }
            };
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public long transferTo(WritableByteChannel out) throws IOException {
            long n = 0;
            for (ContentSource p : parts) {
                n += p.transferTo(out);
            }
            return n;
        }
    }
}
