package dev.slipstream.core.pe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The resource tree of a PE image, flattened to its leaves. Windows uses three levels (type, name,
 * language); this reader accepts exactly that shape.
 *
 * <p>Hostile trees are bounded: every directory and string must lie inside the section that holds
 * the resource directory, a directory reached twice (a loop, or a shared subtree that would make
 * the tree explode) is an error, and the number of entries in the whole tree is capped both by
 * {@link #MAX_ENTRIES} and by the bytes the section can actually hold.
 */
public final class ResourceDirectory {

    /** A real image has a few thousand resources at most; this leaves ample room. */
    public static final int MAX_ENTRIES = 65_536;
    static final int LEVELS = 3;
    private static final int DIR_HEADER = 16;
    private static final int ENTRY = 8;
    private static final int DATA_ENTRY = 16;
    private static final int MAX_NAME_CHARS = 0x7FFF;

    private final List<ResourceEntry> entries;

    private ResourceDirectory(List<ResourceEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static ResourceDirectory empty() {
        return new ResourceDirectory(List.of());
    }

    /** Every resource, in the order the tree lists them (named entries before numbered ones). */
    public List<ResourceEntry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The first resource of numeric type {@code type}, any name and language. */
    public Optional<ResourceEntry> first(int type) {
        return entries.stream().filter(e -> e.type().is(type)).findFirst();
    }

    /** The resources of numeric type {@code type} whose name is {@code name} (any case, any language). */
    public List<ResourceEntry> find(int type, String name) {
        return entries.stream().filter(e -> e.type().is(type) && e.name().is(name)).toList();
    }

    /** The resources of numeric type {@code type} with numeric name {@code name}. */
    public List<ResourceEntry> find(int type, int name) {
        return entries.stream().filter(e -> e.type().is(type) && e.name().is(name)).toList();
    }

    static ResourceDirectory read(FileWindow in, PeFile pe) throws IOException {
        DataDirectory dir = pe.dataDirectory(DataDirectory.RESOURCE);
        if (!dir.isPresent()) {
            return empty();
        }
        OptionalLong base = pe.rvaToOffset(dir.address());
        Optional<PeSection> section = pe.sectionHoldingRva(dir.address());
        if (base.isEmpty() || section.isEmpty()) {
            throw PeReader.corrupt(in, -1, "the resource directory RVA 0x%X lies outside every section's raw data",
                    dir.address());
        }
        // Directory offsets are relative to the start of the resource directory and must stay in
        // the section that holds it.
        long limit = section.get().rawEnd() - base.getAsLong();
        return new Walker(in, pe, base.getAsLong(), limit).walk();
    }

    private static final class Walker {
        private final FileWindow in;
        private final PeFile pe;
        private final long base;
        private final long limit;
        private final Set<Long> visited = new HashSet<>();
        private final List<ResourceEntry> out = new ArrayList<>();
        private int entriesSeen;

        Walker(FileWindow in, PeFile pe, long base, long limit) {
            this.in = in;
            this.pe = pe;
            this.base = base;
            this.limit = limit;
        }

        ResourceDirectory walk() throws IOException {
            ResourceId[] path = new ResourceId[LEVELS];
            walkDirectory(0, 0, path);
            return new ResourceDirectory(out);
        }

        // Recursion depth is bounded by LEVELS.
        private void walkDirectory(long rel, int level, ResourceId[] path) throws IOException {
            long at = base + rel;
            if (!visited.add(rel)) {
                throw PeReader.corrupt(in, at, "the resource directory at 0x%X is reached twice (a loop in the resource tree)",
                        at);
            }
            checkInside(rel, DIR_HEADER, "resource directory");
            ByteBuffer h = in.read(at, DIR_HEADER, "resource directory");
            int named = Short.toUnsignedInt(h.getShort(12));
            int ids = Short.toUnsignedInt(h.getShort(14));
            int count = named + ids;
            entriesSeen += count;
            if (entriesSeen > MAX_ENTRIES) {
                throw PeReader.corrupt(in, at, "the resource tree declares more than %d entries", MAX_ENTRIES);
            }
            checkInside(rel + DIR_HEADER, (long) count * ENTRY, "resource directory with " + count + " entries");
            ByteBuffer list = in.read(at + DIR_HEADER, count * ENTRY, "resource directory entries");
            for (int i = 0; i < count; i++) {
                long entryAt = at + DIR_HEADER + (long) i * ENTRY;
                int nameField = list.getInt(i * ENTRY);
                int dataField = list.getInt(i * ENTRY + 4);
                path[level] = (nameField & 0x80000000) != 0
                        ? ResourceId.of(readName(nameField & 0x7FFFFFFFL, entryAt))
                        : ResourceId.of(nameField & 0xFFFF);
                boolean isDirectory = (dataField & 0x80000000) != 0;
                long target = dataField & 0x7FFFFFFFL;
                if (level < LEVELS - 1) {
                    if (!isDirectory) {
                        throw PeReader.corrupt(in, entryAt,
                                "resource entry %s at level %d points to data where a directory belongs", path[level],
                                level + 1);
                    }
                    walkDirectory(target, level + 1, path);
                } else {
                    if (isDirectory) {
                        throw PeReader.corrupt(in, entryAt,
                                "the resource tree is deeper than type/name/language (entry %s/%s/%s)", path[0], path[1],
                                path[2]);
                    }
                    out.add(readData(target, entryAt, path));
                }
            }
        }

        private String readName(long rel, long entryAt) throws IOException {
            checkInside(rel, 2, "resource name");
            int chars = Short.toUnsignedInt(in.read(base + rel, 2, "resource name length").getShort(0));
            if (chars > MAX_NAME_CHARS) {
                throw PeReader.corrupt(in, base + rel, "resource name of %d characters", chars);
            }
            checkInside(rel + 2, 2L * chars, "resource name");
            ByteBuffer b = in.read(base + rel + 2, 2 * chars, "resource name");
            return new String(b.array(), 0, 2 * chars, StandardCharsets.UTF_16LE);
        }

        private ResourceEntry readData(long rel, long entryAt, ResourceId[] path) throws IOException {
            checkInside(rel, DATA_ENTRY, "resource data entry");
            ByteBuffer d = in.read(base + rel, DATA_ENTRY, "resource data entry");
            long rva = Integer.toUnsignedLong(d.getInt(0));
            long size = Integer.toUnsignedLong(d.getInt(4));
            long codePage = Integer.toUnsignedLong(d.getInt(8));
            OptionalLong off = pe.rvaToOffset(rva);
            long fileOffset = off.isPresent() && in.contains(off.getAsLong(), size) ? off.getAsLong() : -1;
            return new ResourceEntry(path[0], path[1], path[2], rva, size, codePage, fileOffset);
        }

        private void checkInside(long rel, long length, String what) throws IOException {
            if (rel < 0 || length < 0 || rel > limit || length > limit - rel) {
                throw PeReader.corrupt(in, base + rel, "%s at 0x%X (%d bytes) lies outside the resource section", what,
                        base + rel, length);
            }
        }
    }
}
