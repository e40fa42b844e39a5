package dev.slipstream.core.iso;

import static dev.slipstream.core.iso.IsoConstants.DIR_RECORD_FIXED;
import static dev.slipstream.core.iso.IsoConstants.FLAG_DIRECTORY;
import static dev.slipstream.core.iso.IsoConstants.FLAG_NOT_FINAL;
import static dev.slipstream.core.iso.IsoConstants.MAX_EXTENT;
import static dev.slipstream.core.iso.IsoConstants.SECTOR;

import dev.slipstream.core.io.AtomicOutput;
import dev.slipstream.core.io.FlushBehind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Masters an ISO-9660 image with optional Joliet and El Torito from an {@link IsoTree}.
 *
 * <p>It plans first (names, sizes, every LBA) and then writes the image in one sequential pass,
 * so memory grows with the number of files, never with their bytes; file data moves with the
 * kernel's zero-copy transfer. Layout: system area, volume descriptors (primary, El Torito boot
 * record, Joliet, terminator), boot catalog, path tables (ISO L and M, Joliet L and M), ISO
 * directories, Joliet directories, hidden boot images, file data in path order. Identical contents
 * are stored once (size first, then byte comparison). Files of 4 GiB and more become multi-extent files.
 * Directories deeper than 8 levels and paths longer than 255 characters are written as they are
 * (as mkisofs -D and xorriso do); every reader we test with accepts them.
 *
 * <pre>{@code
 * try (IsoImageReader customer = IsoImageReader.open(Path.of("original.iso"))) {
 *     IsoTree tree = IsoTree.fromImage(customer);            // regions of the CD, nothing copied
 *     tree.add("I386/NTOSKRNL.EX_", ContentSource.ofFile(staged.resolve("NTOSKRNL.EX_")));
 *     Instant date = SourceDateEpoch.orElse(Instant.now());
 *     IsoWriteOptions o = IsoWriteOptions.defaults(date)
 *             .volume(customer.volumeInfo())                 // --like
 *             .addBootEntry(BootEntry.fromImage(customer));  // --boot-from
 *     new IsoImageWriter(o).write(tree, Path.of("W2K3SP2.iso"));
 * }
 * }</pre>
 */
public final class IsoImageWriter {

    private final IsoWriteOptions options;

    public IsoImageWriter(IsoWriteOptions options) {
        this.options = options;
    }

    /** What was written. */
    public record Result(long sectors, int files, int directories, int duplicateFiles, long duplicateBytes,
                         Map<String, Long> bootImageLbas) {
        public long bytes() {
            return sectors * SECTOR;
        }
    }

    /** Writes the image to {@code target} atomically: nothing appears there unless all went well. */
    public Result write(IsoTree tree, Path target) throws IOException {
        try (AtomicOutput out = AtomicOutput.create(target)) {
            Result r;
            try (FlushBehind flushing = FlushBehind.start(out.channel())) {
                r = write(tree, out.channel());
            }
            out.commit();
            return r;
        }
    }

    /** Writes the image to an empty file channel, from position 0. */
    public Result write(IsoTree tree, FileChannel out) throws IOException {
        Plan plan = new Plan(tree);
        plan.layOut();
        new Emitter(plan, out).emit();
        return plan.result();
    }

    // ---------------------------------------------------------------------------------------
    // The model and the plan

    private static final class Node {
        final String name;
        final Node parent;
        final boolean dir;
        final List<Node> children;
        ContentSource content;
        long size;
        String isoName;
        String jolietName;
        List<Node> isoOrder;
        List<Node> jolietOrder;
        int isoNumber;
        int jolietNumber;
        long isoLba;
        long jolietLba;
        int isoSize;
        int jolietSize;
        long dataLba;
        boolean stored; // this node's bytes are written (not a duplicate, not the catalog)
        boolean catalog;
        BootPatch patch;

        Node(String name, Node parent, boolean dir) {
            this.name = name;
            this.parent = parent;
            this.dir = dir;
            this.children = dir ? new ArrayList<>() : null;
        }

        String path() {
            return parent == null ? "" : parent.parent == null ? name : parent.path() + "/" + name;
        }
    }

    /** A boot image whose boot info table is patched while it is written. */
    private static final class BootPatch {
        long checksum;
    }

    private enum Ns { ISO, JOLIET }

    private final class Plan {
        final IsoTree tree;
        final Node root = new Node("", null, true);
        final Map<String, Node> byPath = new HashMap<>();
        final List<Node> isoDirs = new ArrayList<>();
        final List<Node> jolietDirs = new ArrayList<>();
        final List<Node> dataOrder = new ArrayList<>();
        final List<Node> hiddenBoot = new ArrayList<>();
        final List<Node> bootNodes = new ArrayList<>();
        final Instant date = options.fileDate();
        final boolean boot = !options.bootEntries().isEmpty();
        int fileCount;
        int duplicates;
        long duplicateBytes;
        long pvdLba = 16;
        long bootRecordLba;
        long svdLba;
        long terminatorLba;
        long catalogLba;
        long isoPathL;
        long isoPathM;
        long jolietPathL;
        long jolietPathM;
        int isoPathSize;
        int jolietPathSize;
        long totalSectors;

        Plan(IsoTree tree) {
            this.tree = tree;
            root.isoName = "";
            root.jolietName = "";
        }

        void layOut() throws IOException {
            buildTree();
            nameAndSort(root);
            planBoot();
            collectDirs(Ns.ISO, isoDirs);
            if (options.joliet()) {
                collectDirs(Ns.JOLIET, jolietDirs);
            }
            if (isoDirs.size() > 0xFFFF || jolietDirs.size() > 0xFFFF) {
                throw new IllegalArgumentException("the tree has " + isoDirs.size()
                        + " directories; ISO-9660 path tables can number at most 65535");
            }
            long lba = 17;
            if (boot) {
                bootRecordLba = lba++;
            }
            if (options.joliet()) {
                svdLba = lba++;
            }
            terminatorLba = lba++;
            if (boot) {
                catalogLba = lba++;
            }
            isoPathSize = pathTableSize(isoDirs, Ns.ISO);
            isoPathL = lba;
            lba += sectors(isoPathSize);
            isoPathM = lba;
            lba += sectors(isoPathSize);
            if (options.joliet()) {
                jolietPathSize = pathTableSize(jolietDirs, Ns.JOLIET);
                jolietPathL = lba;
                lba += sectors(jolietPathSize);
                jolietPathM = lba;
                lba += sectors(jolietPathSize);
            }
            for (Node d : isoDirs) {
                d.isoSize = directory(d, Ns.ISO, null);
                d.isoLba = lba;
                lba += d.isoSize / SECTOR;
            }
            for (Node d : jolietDirs) {
                d.jolietSize = directory(d, Ns.JOLIET, null);
                d.jolietLba = lba;
                lba += d.jolietSize / SECTOR;
            }
            Map<Node, Node> duplicateOf = options.deduplicate() ? findDuplicates() : Map.of();
            List<Node> all = new ArrayList<>(hiddenBoot);
            all.addAll(dataOrder);
            for (Node f : all) {
                if (f.catalog) {
                    f.dataLba = catalogLba;
                    continue;
                }
                if (f.size == 0) {
                    continue; // dataLba stays 0 until the end: empty files point past the data
                }
                Node first = duplicateOf.get(f);
                if (first != null) {
                    f.dataLba = first.dataLba;
                    duplicates++;
                    duplicateBytes += f.size;
                    continue;
                }
                f.stored = true;
                f.dataLba = lba;
                lba += sectors(f.size);
            }
            for (Node f : all) {
                if (f.size == 0 && !f.catalog) {
                    f.dataLba = lba;
                }
            }
            totalSectors = lba;
        }

        /**
         * Maps each file whose content an earlier file already has to that earlier file. Only files
         * of equal size are read. A pair is compared byte for byte; in larger groups a CRC-32C
         * (fast on every JIT tier) sorts the files into buckets and a byte comparison against the
         * bucket's first file decides, so a match is never taken on a checksum alone.
         */
        private Map<Node, Node> findDuplicates() throws IOException {
            Map<Node, Node> dup = new HashMap<>();
            ByteBuffer a = ByteBuffer.allocateDirect(256 * 1024);
            ByteBuffer b = ByteBuffer.allocateDirect(256 * 1024);
            for (List<Node> group : sizesSeenTwice().values()) {
                if (group.size() == 2) {
                    if (sameContent(group.get(0).content, group.get(1).content, a, b)) {
                        dup.put(group.get(1), group.get(0));
                    }
                    continue;
                }
                Map<Integer, List<Node>> buckets = new HashMap<>();
                for (Node f : group) {
                    List<Node> reps = buckets.computeIfAbsent(crc32c(f.content, a), k -> new ArrayList<>(1));
                    Node same = null;
                    for (Node rep : reps) {
                        if (sameContent(rep.content, f.content, a, b)) {
                            same = rep;
                            break;
                        }
                    }
                    if (same != null) {
                        dup.put(f, same);
                    } else {
                        reps.add(f);
                    }
                }
            }
            return dup;
        }

        private Map<Long, List<Node>> sizesSeenTwice() {
            Map<Long, List<Node>> m = new HashMap<>();
            for (Node f : dataOrder) {
                if (f.size > 0 && f.patch == null && !f.catalog) {
                    m.computeIfAbsent(f.size, k -> new ArrayList<>(1)).add(f);
                }
            }
            m.values().removeIf(l -> l.size() < 2);
            return m;
        }

        void buildTree() throws IOException {
            byPath.put("", root);
            for (String d : tree.directories()) {
                dirNode(d);
            }
            for (Map.Entry<String, ContentSource> e : tree.files().entrySet()) {
                Node f = fileNode(e.getKey());
                f.content = e.getValue();
                f.size = e.getValue().size();
                if (f.size < 0) {
                    throw new IOException(e.getValue().describe() + ": negative size " + f.size);
                }
            }
            if (boot && options.bootCatalogPath() != null) {
                Node c = fileNode(options.bootCatalogPath());
                c.catalog = true;
                c.size = SECTOR;
            }
            collectFiles(root);
        }

        private void collectFiles(Node d) {
            d.children.sort((a, b) -> IsoNaming.compareCodePoints(a.name, b.name));
            for (Node c : d.children) {
                if (c.dir) {
                    collectFiles(c);
                } else {
                    fileCount++;
                    dataOrder.add(c);
                }
            }
        }

        private Node dirNode(String path) {
            Node n = byPath.get(path);
            if (n != null) {
                if (!n.dir) {
                    throw new IllegalArgumentException("'" + path + "' is a file and a directory");
                }
                return n;
            }
            int slash = path.lastIndexOf('/');
            Node parent = slash < 0 ? root : dirNode(path.substring(0, slash));
            n = new Node(path.substring(slash + 1), parent, true);
            parent.children.add(n);
            byPath.put(path, n);
            return n;
        }

        private Node fileNode(String path) {
            if (byPath.containsKey(path)) {
                throw new IllegalArgumentException("'" + path + "' is in the tree twice (is the boot catalog path taken?)");
            }
            int slash = path.lastIndexOf('/');
            Node parent = slash < 0 ? root : dirNode(path.substring(0, slash));
            Node n = new Node(path.substring(slash + 1), parent, false);
            parent.children.add(n);
            byPath.put(path, n);
            return n;
        }

        void nameAndSort(Node d) {
            List<String> names = new ArrayList<>(d.children.size());
            List<Boolean> dirs = new ArrayList<>(d.children.size());
            for (Node c : d.children) {
                names.add(c.name);
                dirs.add(c.dir);
            }
            List<String> iso = IsoNaming.isoNames(names, dirs, options.nameLevel());
            List<String> jol = options.joliet()
                    ? IsoNaming.jolietNames(names, dirs, options.jolietMaxLength()) : null;
            for (int i = 0; i < d.children.size(); i++) {
                Node c = d.children.get(i);
                c.isoName = iso.get(i);
                c.jolietName = jol == null ? null : jol.get(i);
            }
            d.isoOrder = new ArrayList<>(d.children);
            d.isoOrder.sort((a, b) -> IsoNaming.compareIso(a.isoName, b.isoName));
            if (jol != null) {
                d.jolietOrder = new ArrayList<>(d.children);
                d.jolietOrder.sort((a, b) -> a.jolietName.compareTo(b.jolietName));
            }
            for (Node c : d.children) {
                if (c.dir) {
                    nameAndSort(c);
                }
            }
        }

        void planBoot() throws IOException {
            int i = 0;
            for (BootEntry e : options.bootEntries()) {
                Node n;
                if (e.imagePath() != null) {
                    n = byPath.get(e.imagePath());
                    if (n == null || n.dir) {
                        throw new IllegalArgumentException("boot image '" + e.imagePath() + "' is not a file of the tree");
                    }
                } else {
                    n = new Node("[boot image " + (++i) + "]", null, false);
                    n.content = e.hiddenImage();
                    n.size = n.content.size();
                    hiddenBoot.add(n);
                }
                if (n.size == 0) {
                    throw new IllegalArgumentException("boot image " + describe(n) + " is empty");
                }
                if (e.patchBootInfoTable() && n.patch == null) {
                    n.patch = new BootPatch();
                    n.patch.checksum = bootInfoChecksum(n);
                }
                bootNodes.add(n);
            }
        }

        private long bootInfoChecksum(Node n) throws IOException {
            if (n.size < IsoConstants.BOOT_INFO_TABLE_CHECKSUM_START) {
                throw new IllegalArgumentException("boot image " + describe(n) + " has " + n.size
                        + " bytes; a boot info table needs at least 64");
            }
            long sum = 0;
            long pos = 0;
            try (ReadableByteChannel in = n.content.open()) {
                ByteBuffer buf = ByteBuffer.allocate(64 * 1024).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                byte[] carry = new byte[4];
                int carried = 0;
                while (in.read(buf) >= 0 || buf.position() > 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        byte b = buf.get();
                        if (pos++ >= IsoConstants.BOOT_INFO_TABLE_CHECKSUM_START) {
                            carry[carried++] = b;
                            if (carried == 4) {
                                sum += IsoBytes.le32(carry, 0);
                                carried = 0;
                            }
                        }
                    }
                    buf.clear();
                }
                if (carried > 0) {
                    for (int k = carried; k < 4; k++) {
                        carry[k] = 0;
                    }
                    sum += IsoBytes.le32(carry, 0);
                }
            }
            return sum & 0xFFFF_FFFFL;
        }

        void collectDirs(Ns ns, List<Node> out) {
            // Breadth first with siblings in namespace order: exactly the path table order.
            ArrayDeque<Node> queue = new ArrayDeque<>();
            queue.add(root);
            while (!queue.isEmpty()) {
                Node d = queue.poll();
                out.add(d);
                if (ns == Ns.ISO) {
                    d.isoNumber = out.size();
                } else {
                    d.jolietNumber = out.size();
                }
                for (Node c : ns == Ns.ISO ? d.isoOrder : d.jolietOrder) {
                    if (c.dir) {
                        queue.add(c);
                    }
                }
            }
        }

        int pathTableSize(List<Node> dirs, Ns ns) {
            int size = 0;
            for (Node d : dirs) {
                int len = d == root ? 1 : identifier(d, ns).length;
                size += 8 + len + (len & 1);
            }
            return size;
        }

        Result result() {
            Map<String, Long> boots = new LinkedHashMap<>();
            for (Node n : bootNodes) {
                boots.put(n.parent == null ? n.name : n.path(), n.dataLba);
            }
            return new Result(totalSectors, fileCount, isoDirs.size() - 1, duplicates, duplicateBytes, boots);
        }
    }

    private static String describe(Node n) {
        return n.content != null ? n.content.describe() : n.path();
    }

    private static long sectors(long bytes) {
        return (bytes + SECTOR - 1) / SECTOR;
    }

    private byte[] identifier(Node n, Ns ns) {
        String s = ns == Ns.ISO ? n.isoName : n.jolietName;
        if (!n.dir && options.versionSuffix()) {
            s = s + ";1";
        }
        return s.getBytes(ns == Ns.ISO ? StandardCharsets.US_ASCII : StandardCharsets.UTF_16BE);
    }

    private static int extents(Node f) {
        return f.size == 0 ? 1 : (int) ((f.size + MAX_EXTENT - 1) / MAX_EXTENT);
    }

    /**
     * Lays out (and, with {@code buf}, writes) one directory's records: ".", "..", then the
     * children in namespace order, one record per extent. A record never crosses a sector.
     *
     * @return the directory's size, a multiple of the sector size
     */
    private int directory(Node d, Ns ns, byte[] buf) {
        int pos = 0;
        Instant date = options.fileDate();
        pos = record(buf, pos, new byte[] {0}, lba(d, ns), size(d, ns), FLAG_DIRECTORY, date);
        Node p = d.parent == null ? d : d.parent;
        pos = record(buf, pos, new byte[] {1}, lba(p, ns), size(p, ns), FLAG_DIRECTORY, date);
        for (Node c : ns == Ns.ISO ? d.isoOrder : d.jolietOrder) {
            byte[] id = identifier(c, ns);
            if (c.dir) {
                pos = record(buf, pos, id, lba(c, ns), size(c, ns), FLAG_DIRECTORY, date);
                continue;
            }
            int n = extents(c);
            long left = c.size;
            long lba = c.dataLba;
            for (int k = 0; k < n; k++) {
                long len = Math.min(left, MAX_EXTENT);
                pos = record(buf, pos, id, lba, len, k < n - 1 ? FLAG_NOT_FINAL : 0, date);
                left -= len;
                lba += len / SECTOR;
            }
        }
        return (int) (sectors(pos) * SECTOR);
    }

    private static long lba(Node d, Ns ns) {
        return ns == Ns.ISO ? d.isoLba : d.jolietLba;
    }

    private static long size(Node d, Ns ns) {
        return ns == Ns.ISO ? d.isoSize : d.jolietSize;
    }

    private static int record(byte[] b, int pos, byte[] id, long lba, long size, int flags, Instant date) {
        int len = DIR_RECORD_FIXED + id.length + ((id.length & 1) == 0 ? 1 : 0);
        if (pos / SECTOR != (pos + len - 1) / SECTOR) {
            pos = (pos / SECTOR + 1) * SECTOR;
        }
        if (b != null) {
            b[pos] = (byte) len;
            b[pos + 1] = 0;
            IsoBytes.both32(b, pos + 2, lba);
            IsoBytes.both32(b, pos + 10, size);
            IsoBytes.recordDate(b, pos + 18, date);
            b[pos + 25] = (byte) flags;
            b[pos + 26] = 0;
            b[pos + 27] = 0;
            IsoBytes.both16(b, pos + 28, 1);
            b[pos + 32] = (byte) id.length;
            System.arraycopy(id, 0, b, pos + 33, id.length);
        }
        return pos + len;
    }

    private static boolean sameContent(ContentSource x, ContentSource y, ByteBuffer a, ByteBuffer b) throws IOException {
        try (ReadableByteChannel in1 = x.open(); ReadableByteChannel in2 = y.open()) {
            while (true) {
                a.clear();
                b.clear();
                int n1 = fill(in1, a);
                int n2 = fill(in2, b);
                if (n1 != n2 || a.flip().mismatch(b.flip()) >= 0) {
                    return false;
                }
                if (n1 < a.capacity()) {
                    return true;
                }
            }
        }
    }

    private static int fill(ReadableByteChannel in, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining() && in.read(buf) >= 0) {
            // until full or at the end
        }
        return buf.position();
    }

    private static int crc32c(ContentSource c, ByteBuffer buf) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        try (ReadableByteChannel in = c.open()) {
            buf.clear();
            while (in.read(buf) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return (int) crc.getValue();
    }

    // ---------------------------------------------------------------------------------------
    // The sequential pass

    private final class Emitter {
        final Plan plan;
        final FileChannel out;

        Emitter(Plan plan, FileChannel out) {
            this.plan = plan;
            this.out = out;
        }

        void emit() throws IOException {
            if (out.position() != 0 || out.size() != 0) {
                throw new IllegalArgumentException("the output channel must be empty");
            }
            put(new byte[16 * SECTOR]);
            at(plan.pvdLba);
            put(volumeDescriptor(Ns.ISO));
            if (plan.boot) {
                at(plan.bootRecordLba);
                put(bootRecord());
            }
            if (options.joliet()) {
                at(plan.svdLba);
                put(volumeDescriptor(Ns.JOLIET));
            }
            at(plan.terminatorLba);
            byte[] term = new byte[SECTOR];
            term[0] = (byte) IsoConstants.VD_TERMINATOR;
            System.arraycopy(IsoConstants.STANDARD_ID, 0, term, 1, 5);
            term[6] = 1;
            put(term);
            if (plan.boot) {
                at(plan.catalogLba);
                put(catalog());
            }
            at(plan.isoPathL);
            put(padded(pathTable(plan.isoDirs, Ns.ISO, true, plan.isoPathSize)));
            put(padded(pathTable(plan.isoDirs, Ns.ISO, false, plan.isoPathSize)));
            if (options.joliet()) {
                at(plan.jolietPathL);
                put(padded(pathTable(plan.jolietDirs, Ns.JOLIET, true, plan.jolietPathSize)));
                put(padded(pathTable(plan.jolietDirs, Ns.JOLIET, false, plan.jolietPathSize)));
            }
            for (Node d : plan.isoDirs) {
                at(d.isoLba);
                byte[] b = new byte[d.isoSize];
                directory(d, Ns.ISO, b);
                put(b);
            }
            for (Node d : plan.jolietDirs) {
                at(d.jolietLba);
                byte[] b = new byte[d.jolietSize];
                directory(d, Ns.JOLIET, b);
                put(b);
            }
            List<Node> all = new ArrayList<>(plan.hiddenBoot);
            all.addAll(plan.dataOrder);
            for (Node f : all) {
                if (f.stored) {
                    at(f.dataLba);
                    data(f);
                }
            }
            at(plan.totalSectors);
        }

        private void at(long lba) throws IOException {
            if (out.position() != lba * SECTOR) {
                throw new IllegalStateException("layout bug: at byte " + out.position() + ", planned LBA " + lba);
            }
        }

        private void put(byte[] b) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        }

        private byte[] padded(byte[] b) {
            return java.util.Arrays.copyOf(b, (int) (sectors(b.length) * SECTOR));
        }

        private void data(Node f) throws IOException {
            long written;
            if (f.patch != null) {
                written = patchedBootImage(f);
            } else {
                written = f.content.transferTo(out);
            }
            if (written != f.size) {
                throw new IOException(f.content.describe() + " changed while the image was written: planned "
                        + f.size + " bytes, got " + written + "; write the image again from a tree nobody modifies");
            }
            int tail = (int) (f.size % SECTOR);
            if (tail != 0) {
                put(new byte[SECTOR - tail]);
            }
        }

        private long patchedBootImage(Node f) throws IOException {
            if (f.size > 64L * 1024 * 1024) {
                throw new IllegalArgumentException("boot image " + f.content.describe() + " is " + f.size
                        + " bytes; a boot info table is only patched into images up to 64 MiB");
            }
            byte[] img = new byte[(int) f.size];
            ByteBuffer buf = ByteBuffer.wrap(img);
            try (ReadableByteChannel in = f.content.open()) {
                while (buf.hasRemaining() && in.read(buf) >= 0) {
                    // read it all
                }
            }
            if (buf.hasRemaining()) {
                return buf.position();
            }
            int o = IsoConstants.BOOT_INFO_TABLE_OFFSET;
            java.util.Arrays.fill(img, o, o + 56, (byte) 0);
            IsoBytes.le32(img, o, plan.pvdLba);
            IsoBytes.le32(img, o + 4, f.dataLba);
            IsoBytes.le32(img, o + 8, f.size);
            IsoBytes.le32(img, o + 12, f.patch.checksum);
            put(img);
            return img.length;
        }

        private byte[] volumeDescriptor(Ns ns) {
            IsoVolumeInfo v = options.volume();
            byte[] b = new byte[SECTOR];
            boolean j = ns == Ns.JOLIET;
            b[0] = (byte) (j ? IsoConstants.VD_SUPPLEMENTARY : IsoConstants.VD_PRIMARY);
            System.arraycopy(IsoConstants.STANDARD_ID, 0, b, 1, 5);
            b[6] = 1;
            text(b, 8, 32, v.systemId(), j);
            text(b, 40, 32, v.volumeId(), j);
            IsoBytes.both32(b, 80, plan.totalSectors);
            if (j) {
                System.arraycopy(IsoConstants.JOLIET_ESCAPES[2], 0, b, 88, 3);
            }
            IsoBytes.both16(b, 120, 1);
            IsoBytes.both16(b, 124, 1);
            IsoBytes.both16(b, 128, SECTOR);
            IsoBytes.both32(b, 132, j ? plan.jolietPathSize : plan.isoPathSize);
            IsoBytes.le32(b, 140, j ? plan.jolietPathL : plan.isoPathL);
            IsoBytes.be32(b, 148, j ? plan.jolietPathM : plan.isoPathM);
            record(b, 156, new byte[] {0}, lba(plan.root, ns), size(plan.root, ns), FLAG_DIRECTORY, options.fileDate());
            text(b, 190, 128, v.volumeSetId(), j);
            text(b, 318, 128, v.publisherId(), j);
            text(b, 446, 128, v.preparerId(), j);
            text(b, 574, 128, v.applicationId(), j);
            text(b, 702, 37, v.copyrightFileId(), j);
            text(b, 739, 37, v.abstractFileId(), j);
            text(b, 776, 37, v.bibliographicFileId(), j);
            IsoBytes.decDate(b, 813, v.created());
            IsoBytes.decDate(b, 830, v.modified());
            IsoBytes.decDate(b, 847, v.expires());
            IsoBytes.decDate(b, 864, v.effective());
            b[881] = 1;
            return b;
        }

        private void text(byte[] b, int off, int len, String s, boolean joliet) {
            if (joliet) {
                IsoBytes.ucs2(b, off, len, s);
            } else {
                IsoBytes.ascii(b, off, len, s);
            }
        }

        private byte[] bootRecord() {
            byte[] b = new byte[SECTOR];
            b[0] = (byte) IsoConstants.VD_BOOT_RECORD;
            System.arraycopy(IsoConstants.STANDARD_ID, 0, b, 1, 5);
            b[6] = 1;
            byte[] id = IsoConstants.EL_TORITO_ID.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(id, 0, b, 7, id.length);
            IsoBytes.le32(b, IsoConstants.BOOT_RECORD_CATALOG_OFFSET, plan.catalogLba);
            return b;
        }

        private byte[] catalog() {
            List<BootEntry> entries = options.bootEntries();
            if (1 + 1 + 2L * (entries.size() - 1) > SECTOR / 32) {
                throw new IllegalArgumentException(entries.size() + " boot entries do not fit one catalog sector");
            }
            byte[] b = new byte[SECTOR];
            BootEntry first = entries.get(0);
            b[0] = (byte) IsoConstants.CATALOG_VALIDATION;
            b[1] = (byte) first.platform();
            IsoBytes.ascii(b, 4, 24, options.bootCatalogId());
            for (int i = 4; i < 28; i++) {
                if (b[i] == ' ' && options.bootCatalogId().length() <= i - 4) {
                    b[i] = 0;
                }
            }
            b[30] = 0x55;
            b[31] = (byte) 0xAA;
            int sum = 0;
            for (int i = 0; i < 32; i += 2) {
                sum += IsoBytes.le16(b, i);
            }
            IsoBytes.le16(b, 28, (-sum) & 0xFFFF);
            entry(b, 32, first, plan.bootNodes.get(0));
            int pos = 64;
            for (int i = 1; i < entries.size(); i++) {
                BootEntry e = entries.get(i);
                b[pos] = (byte) (i == entries.size() - 1 ? IsoConstants.CATALOG_SECTION_LAST : IsoConstants.CATALOG_SECTION_MORE);
                b[pos + 1] = (byte) e.platform();
                IsoBytes.le16(b, pos + 2, 1);
                entry(b, pos + 32, e, plan.bootNodes.get(i));
                pos += 64;
            }
            return b;
        }

        private void entry(byte[] b, int off, BootEntry e, Node image) {
            b[off] = (byte) IsoConstants.CATALOG_BOOTABLE;
            b[off + 1] = (byte) e.emulation();
            IsoBytes.le16(b, off + 2, e.loadSegment());
            b[off + 4] = 0;
            IsoBytes.le16(b, off + 6, e.effectiveSectorCount(image.size));
            IsoBytes.le32(b, off + 8, image.dataLba);
        }

        private byte[] pathTable(List<Node> dirs, Ns ns, boolean little, int size) {
            byte[] b = new byte[size];
            int pos = 0;
            for (Node d : dirs) {
                byte[] id = d == plan.root ? new byte[] {0} : identifier(d, ns);
                b[pos] = (byte) id.length;
                b[pos + 1] = 0;
                long lba = lba(d, ns);
                int parent = d.parent == null ? 1 : (ns == Ns.ISO ? d.parent.isoNumber : d.parent.jolietNumber);
                if (little) {
                    IsoBytes.le32(b, pos + 2, lba);
                    IsoBytes.le16(b, pos + 6, parent);
                } else {
                    IsoBytes.be32(b, pos + 2, lba);
                    IsoBytes.be16(b, pos + 6, parent);
                }
                System.arraycopy(id, 0, b, pos + 8, id.length);
                pos += 8 + id.length + (id.length & 1);
            }
            return b;
        }
    }

    /** The ISO-9660 and Joliet names the writer gives each media path, for reports and tests. */
    public Map<String, String[]> names(IsoTree tree) throws IOException {
        Plan plan = new Plan(tree);
        plan.buildTree();
        plan.nameAndSort(plan.root);
        Map<String, String[]> m = new TreeMap<>();
        for (Map.Entry<String, Node> e : plan.byPath.entrySet()) {
            if (!e.getKey().isEmpty()) {
                m.put(e.getKey(), new String[] {isoPath(e.getValue(), Ns.ISO), isoPath(e.getValue(), Ns.JOLIET)});
            }
        }
        return m;
    }

    private static String isoPath(Node n, Ns ns) {
        String own = ns == Ns.ISO ? n.isoName : n.jolietName;
        if (own == null) {
            return null;
        }
        return n.parent == null || n.parent.parent == null ? own : isoPath(n.parent, ns) + "/" + own;
    }
}
