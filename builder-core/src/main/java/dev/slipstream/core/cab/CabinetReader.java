package dev.slipstream.core.cab;

import dev.slipstream.core.error.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Reads a Microsoft Cabinet, or a whole cabinet set, as a list of members whose bytes stream.
 *
 * <pre>{@code
 * try (CabinetReader cab = CabinetReader.open(Path.of("SP2.CAB"))) {
 *     for (CabEntry e : cab.entries()) {
 *         try (InputStream in = cab.openStream(e)) {
 *             in.transferTo(out);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>A cabinet inside another file (a self-extracting .exe) opens at its offset; see
 * {@link #open(Path, long, CabReadOptions)}. When a header names a previous or next cabinet, the
 * reader loads the whole set from the same folder (names match case-insensitively): opening a
 * later part gives the same members as opening the first, as with cabextract.
 *
 * <p>Memory stays bounded by one 32 KiB block and one decoder window (at most 2 MiB) per folder
 * being decoded, whatever the members' sizes. Reading members in listing order (or through
 * {@link #readAll}) decodes each folder once.
 *
 * <p>A reader is not thread-safe, except {@link #readAll}, which decodes independent folders on
 * several threads.
 */
public final class CabinetReader implements Closeable {

    /** The largest set we follow; iCabinet is 16 bits, real sets have a handful of parts. */
    private static final int MAX_SET_SIZE = 1024;

    private final Path file;
    private final long offset;
    private final CabReadOptions options;
    private final Channels channels = new Channels();
    private final List<CabinetHeader> cabinets;
    private final List<FolderChain> folders;
    private final List<CabEntry> entries;
    private FolderStream cursor;

    private CabinetReader(Path file, long offset, CabReadOptions options) throws IOException {
        this.file = file;
        this.offset = offset;
        this.options = options;
        try {
            CabinetHeader first = CabinetHeader.read(channels.get(file), file, offset);
            this.cabinets = options.followSet() ? loadSet(first) : List.of(first);
            this.folders = new ArrayList<>();
            this.entries = new ArrayList<>();
            buildFoldersAndEntries();
        } catch (IOException | RuntimeException e) {
            channels.close();
            throw e;
        }
    }

    /** Opens the cabinet at the start of {@code file}, with default options. */
    public static CabinetReader open(Path file) throws IOException {
        return open(file, 0, CabReadOptions.DEFAULTS);
    }

    /**
     * Opens the cabinet that starts at {@code offset} of {@code file}: 0 for a .cab, the locator's
     * answer for a cabinet inside a self-extractor.
     */
    public static CabinetReader open(Path file, long offset, CabReadOptions options) throws IOException {
        return new CabinetReader(file, offset, options);
    }

    /**
     * Where the cabinets of {@code file} start, in file order: 0 for a cabinet, the overlay or
     * CABINET resource of a self-extractor, each cabinet a signature scan finds in any other file
     * (see {@link CabinetLocator}).
     *
     * @throws BadInputException when the file holds no cabinet
     */
    public static List<Long> cabinetOffsets(Path file) throws IOException {
        CabinetLocator.Result r = CabinetLocator.locate(file);
        r.require();
        return r.chosen().stream().map(CabinetLocator.Candidate::offset).sorted().toList();
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    public CabReadOptions options() {
        return options;
    }

    /** The cabinets read, first of the set first; one unless the cabinet is part of a set. */
    public List<CabinetHeader> cabinets() {
        return List.copyOf(cabinets);
    }

    /** The folders of the whole set, each possibly spanning cabinets. */
    public List<FolderChain> folders() {
        return List.copyOf(folders);
    }

    /** The members in listing order: cabinet by cabinet, CFFILE by CFFILE, each spanning member once. */
    public List<CabEntry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Opens a member's bytes. The stream is valid until the next call of this method; reading
     * members in listing order decodes each folder only once.
     */
    public InputStream openStream(CabEntry entry) throws IOException {
        checkReadable(entry);
        if (cursor == null || cursor.chain() != entry.folder()) {
            cursor = new FolderStream(new FolderDataReader(entry.folder(), channels, options));
        }
        if (!cursor.seek(entry.folderOffset())) {
            throw cursor.beyondEnd(entry);
        }
        return new MemberInputStream(cursor, entry, null);
    }

    /** Receives members from {@link #readAll}; called concurrently for members of different folders. */
    @FunctionalInterface
    public interface MemberSink {
        void accept(CabEntry entry, InputStream data) throws IOException;
    }

    /**
     * Decodes every member that {@code filter} accepts and hands its bytes to {@code sink}. Each
     * folder is decoded once, members in folder order; independent folders decode on up to
     * {@code threads} threads. The first failure stops the rest and is thrown.
     */
    public void readAll(Predicate<CabEntry> filter, int threads, MemberSink sink) throws IOException {
        Map<FolderChain, List<CabEntry>> byFolder = new LinkedHashMap<>();
        for (CabEntry e : entries) {
            if (filter.test(e)) {
                byFolder.computeIfAbsent(e.folder(), k -> new ArrayList<>()).add(e);
            }
        }
        for (List<CabEntry> list : byFolder.values()) {
            list.sort(Comparator.comparingLong(CabEntry::folderOffset).thenComparingInt(CabEntry::index));
        }
        if (threads <= 1 || byFolder.size() <= 1) {
            for (var group : byFolder.entrySet()) {
                readFolder(group.getKey(), group.getValue(), sink);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, byFolder.size()), r -> {
            Thread t = new Thread(r, "cab-folder");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (var group : byFolder.entrySet()) {
                futures.add(pool.submit(() -> {
                    try {
                        readFolder(group.getKey(), group.getValue(), sink);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    for (Future<?> other : futures) {
                        other.cancel(true);
                    }
                    Throwable c = e.getCause();
                    if (c instanceof UncheckedIOException u) {
                        throw u.getCause();
                    }
                    if (c instanceof RuntimeException r) {
                        throw r;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IOException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while decoding " + file);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void readFolder(FolderChain chain, List<CabEntry> members, MemberSink sink) throws IOException {
        FolderStream fs = null;
        for (CabEntry e : members) {
            checkReadable(e);
            if (fs == null) {
                fs = new FolderStream(new FolderDataReader(chain, channels, options));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
            if (!fs.seek(e.folderOffset())) {
                throw fs.beyondEnd(e);
            }
            try (MemberInputStream in = new MemberInputStream(fs, e, null)) {
                sink.accept(e, in);
            }
        }
    }

    private void checkReadable(CabEntry e) throws BadInputException {
        if (e.folder().startsInMissingCabinet()) {
            throw BadInputException.in(e.cabinet().path()).atOffset(e.header().entryOffset())
                    .hint("the cabinet set is incomplete: put all its parts in one folder and open the first")
                    .problem("member %s continues a folder from a previous cabinet that is not loaded", e.path());
        }
    }

    @Override
    public void close() throws IOException {
        cursor = null;
        channels.close();
    }

    // ---------------------------------------------------------------- set and folder assembly

    private List<CabinetHeader> loadSet(CabinetHeader opened) throws IOException {
        Path dir = opened.path().toAbsolutePath().getParent();
        // Walk back to the first cabinet, then forward along the "next" names.
        CabinetHeader first = opened;
        Set<Path> seen = new HashSet<>();
        seen.add(opened.path().toAbsolutePath().normalize());
        int steps = 0;
        while (first.hasPrevious()) {
            if (++steps > MAX_SET_SIZE) {
                throw BadInputException.in(opened.path()).hint("the cabinet headers are corrupt")
                        .problem("the chain of previous cabinets is longer than %d", MAX_SET_SIZE);
            }
            Path p = CabinetSetLocator.resolve(dir, first.previousCabinet());
            if (p == null) {
                throw missing(first, first.previousCabinet(), "previous", dir);
            }
            if (!seen.add(p.toAbsolutePath().normalize())) {
                throw BadInputException.in(first.path()).hint("the cabinet headers are corrupt")
                        .problem("the previous-cabinet names form a loop at %s", p.getFileName());
            }
            CabinetHeader prev = CabinetHeader.read(channels.get(p), p, 0);
            checkSameSet(opened, prev);
            first = prev;
        }
        List<CabinetHeader> set = new ArrayList<>();
        set.add(first);
        seen.clear();
        seen.add(first.path().toAbsolutePath().normalize());
        CabinetHeader cur = first;
        while (cur.hasNext()) {
            if (set.size() >= MAX_SET_SIZE) {
                throw BadInputException.in(cur.path()).hint("the cabinet headers are corrupt")
                        .problem("the cabinet set has more than %d parts", MAX_SET_SIZE);
            }
            Path p = CabinetSetLocator.resolve(dir, cur.nextCabinet());
            if (p == null) {
                throw missing(cur, cur.nextCabinet(), "next", dir);
            }
            if (!seen.add(p.toAbsolutePath().normalize())) {
                throw BadInputException.in(cur.path()).hint("the cabinet headers are corrupt")
                        .problem("the next-cabinet names form a loop at %s", p.getFileName());
            }
            CabinetHeader next = p.toAbsolutePath().normalize().equals(opened.path().toAbsolutePath().normalize())
                    && opened.offset() == 0 ? opened : CabinetHeader.read(channels.get(p), p, 0);
            checkSameSet(cur, next);
            set.add(next);
            cur = next;
        }
        boolean containsOpened = set.stream().anyMatch(c -> c == opened
                || (c.path().toAbsolutePath().normalize().equals(opened.path().toAbsolutePath().normalize()) && c.offset() == opened.offset()));
        if (!containsOpened) {
            throw BadInputException.in(opened.path()).hint("the cabinet set is inconsistent; open its first part directly")
                    .problem("following the set from its first part %s never reaches this cabinet", first.path().getFileName());
        }
        return set;
    }

    private static void checkSameSet(CabinetHeader a, CabinetHeader b) throws BadInputException {
        if (a.setId() != b.setId()) {
            throw BadInputException.in(b.path()).atOffset(b.offset() + CabConstants.CFHEADER_SET_ID)
                    .hint("a cabinet of another set has the name this set expects; put the right part in the folder")
                    .problem("set ID %d differs from %s's set ID %d", b.setId(), a.path().getFileName(), a.setId());
        }
    }

    private static BadInputException missing(CabinetHeader from, String name, String which, Path dir) {
        return BadInputException.in(from.path())
                .hint("the cabinet set is incomplete: put all its parts in " + dir)
                .problem("the %s cabinet of the set, \"%s\", is not in the same folder", which, name);
    }

    private void buildFoldersAndEntries() throws BadInputException {
        List<int[]> chainOf = new ArrayList<>();
        FolderChain open = null;
        List<FolderChain.Segment> openSegments = null;
        List<List<FolderChain.Segment>> segmentLists = new ArrayList<>();
        List<Boolean> missingStart = new ArrayList<>();
        for (int k = 0; k < cabinets.size(); k++) {
            CabinetHeader cab = cabinets.get(k);
            boolean fromPrev = cab.files().stream().anyMatch(CabFileHeader::continuedFromPrevious);
            boolean prevToNext = k > 0 && cabinets.get(k - 1).files().stream().anyMatch(CabFileHeader::continuedToNext);
            if (k > 0 && fromPrev != prevToNext) {
                throw BadInputException.in(cab.path())
                        .hint("the cabinet set is inconsistent or its parts are from different builds")
                        .problem("%s and %s disagree whether a folder continues from one into the other",
                                cabinets.get(k - 1).path().getFileName(), cab.path().getFileName());
            }
            int[] map = new int[cab.folders().size()];
            for (CabFolder f : cab.folders()) {
                if (f.index() == 0 && fromPrev && k > 0) {
                    List<FolderChain.Segment> segs = segmentLists.get(segmentLists.size() - 1);
                    int prevType = segs.get(0).folder().typeCompress();
                    if (prevType != f.typeCompress()) {
                        throw BadInputException.in(cab.path()).atOffset(f.entryOffset())
                                .hint("the cabinet set is inconsistent")
                                .problem("folder 0 continues a %s folder from %s but says it is %s",
                                        CabConstants.describe(prevType), cabinets.get(k - 1).path().getFileName(),
                                        CabConstants.describe(f.typeCompress()));
                    }
                    segs.add(new FolderChain.Segment(cab, f));
                    map[0] = segmentLists.size() - 1;
                } else {
                    List<FolderChain.Segment> segs = new ArrayList<>();
                    segs.add(new FolderChain.Segment(cab, f));
                    segmentLists.add(segs);
                    missingStart.add(f.index() == 0 && fromPrev && k == 0);
                    map[f.index()] = segmentLists.size() - 1;
                }
            }
            chainOf.add(map);
        }
        for (int i = 0; i < segmentLists.size(); i++) {
            folders.add(new FolderChain(i, segmentLists.get(i), missingStart.get(i)));
        }
        for (int k = 0; k < cabinets.size(); k++) {
            CabinetHeader cab = cabinets.get(k);
            int[] map = chainOf.get(k);
            for (CabFileHeader fh : cab.files()) {
                if (k > 0 && fh.continuedFromPrevious()) {
                    continue; // the previous cabinet lists it
                }
                int local;
                if (fh.folderIndex() == CabConstants.IFOLD_CONTINUED_TO_NEXT) {
                    local = map.length - 1;
                } else if (fh.continuedFromPrevious()) {
                    local = 0;
                } else {
                    local = fh.folderIndex();
                }
                entries.add(new CabEntry(fh, cab, folders.get(map[local]), entries.size()));
            }
        }
    }
}
