package dev.slipstream.core.cab;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.pe.PeFile;
import dev.slipstream.core.pe.PeReader;
import dev.slipstream.core.pe.ResourceEntry;
import dev.slipstream.core.pe.ResourceId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds the cabinets a file holds: the file itself when it is a cabinet; for a PE self-extractor,
 * the cabinet in its overlay (SFXCAB, as update packages store it) or in an RT_RCDATA resource
 * named CABINET (IExpress); for any other host, a streamed scan for "MSCF" whose hits must pass
 * the header sanity checks cabextract applies.
 *
 * <p>Every candidate is reported with how it was found and why it was chosen or rejected, so that
 * {@code --verbose} can explain the choice. A PE whose overlay or resource holds a cabinet is not
 * scanned further: a 400 MB package is located with a handful of small reads.
 */
public final class CabinetLocator {

    /** How a candidate was found; the order is the order of preference. */
    public enum Method {
        WHOLE_FILE("whole file"),
        PE_RESOURCE("RT_RCDATA resource \"CABINET\""),
        PE_OVERLAY("PE overlay"),
        SIGNATURE_SCAN("signature scan");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The fields of a CFHEADER that locating needs. */
    public record Header(long cbCabinet, long coffFiles, int versionMinor, int versionMajor, int folders, int files,
            int flags, int setId, int cabinetIndex, long reserved1, long reserved2, long reserved3) {

        static Header parse(ByteBuffer b) {
            ByteBuffer h = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int p = h.position();
            return new Header(
                    Integer.toUnsignedLong(h.getInt(p + CabConstants.CFHEADER_CB_CABINET)),
                    Integer.toUnsignedLong(h.getInt(p + CabConstants.CFHEADER_COFF_FILES)),
                    Byte.toUnsignedInt(h.get(p + CabConstants.CFHEADER_VERSION_MINOR)),
                    Byte.toUnsignedInt(h.get(p + CabConstants.CFHEADER_VERSION_MAJOR)),
                    Short.toUnsignedInt(h.getShort(p + CabConstants.CFHEADER_C_FOLDERS)),
                    Short.toUnsignedInt(h.getShort(p + CabConstants.CFHEADER_C_FILES)),
                    Short.toUnsignedInt(h.getShort(p + CabConstants.CFHEADER_FLAGS)),
                    Short.toUnsignedInt(h.getShort(p + CabConstants.CFHEADER_SET_ID)),
                    Short.toUnsignedInt(h.getShort(p + CabConstants.CFHEADER_I_CABINET)),
                    Integer.toUnsignedLong(h.getInt(p + 4)),
                    Integer.toUnsignedLong(h.getInt(p + 12)),
                    Integer.toUnsignedLong(h.getInt(p + 20)));
        }

        /**
         * Whether the fields [MS-CAB] reserves are all zero. Not a rejection: libmspack ignores
         * them and real cabinets with other values exist (libmspack's search_tricky1.cab), but
         * {@code --verbose} mentions it.
         */
        public boolean reservedFieldsZero() {
            return reserved1 == 0 && reserved2 == 0 && reserved3 == 0;
        }

        /**
         * The first reason this header cannot start a real cabinet of which {@code room} bytes
         * are available, or empty when it passes every check.
         */
        public Optional<String> implausibility(long room) {
            if (versionMajor != CabConstants.VERSION_MAJOR || versionMinor != CabConstants.VERSION_MINOR) {
                return Optional.of("version " + versionMajor + "." + versionMinor + ", not 1.3");
            }
            if ((flags & ~(CabConstants.FLAG_PREV_CABINET | CabConstants.FLAG_NEXT_CABINET
                    | CabConstants.FLAG_RESERVE_PRESENT)) != 0) {
                return Optional.of(String.format("unknown header flags 0x%04X", flags));
            }
            if (folders == 0 || files == 0) {
                return Optional.of(folders + " folders and " + files + " files");
            }
            if (cbCabinet > room) {
                return Optional.of("declares " + cbCabinet + " bytes but only " + room + " follow");
            }
            if (coffFiles < CabConstants.CFHEADER_SIZE + (long) folders * CabConstants.CFFOLDER_SIZE) {
                return Optional.of("the file list (coffFiles " + coffFiles + ") overlaps the " + folders + " folder entries");
            }
            if (coffFiles >= cbCabinet) {
                return Optional.of("the file list (coffFiles " + coffFiles + ") starts past the cabinet's end (" + cbCabinet
                        + ")");
            }
            if ((long) files * CabConstants.CFFILE_SIZE > cbCabinet - coffFiles) {
                return Optional.of(files + " file entries cannot fit in the cabinet's " + (cbCabinet - coffFiles)
                        + " bytes after coffFiles");
            }
            return Optional.empty();
        }
    }

    /** One place a cabinet may start; {@code header} is null when the file is too short to hold one. */
    public record Candidate(long offset, long declaredLength, Method method, boolean chosen, List<String> reasons,
            Header header) {

        public Candidate {
            reasons = List.copyOf(reasons);
        }

        public long end() {
            return offset + declaredLength;
        }

        /** One line for {@code --verbose}: where, how found, and the verdict with its reasons. */
        public String describe() {
            return String.format("offset %d (0x%X), %d bytes, %s: %s%s", offset, offset, declaredLength, method.label(),
                    chosen ? "chosen" : "rejected", reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")");
        }

        Candidate withVerdict(boolean isChosen, String reason) {
            List<String> r = new ArrayList<>(reasons);
            if (reason != null) {
                r.add(reason);
            }
            return new Candidate(offset, declaredLength, method, isChosen, r, header);
        }
    }

    /** Everything the locator found in one file: chosen candidates first, in order of preference. */
    public record Result(String source, long fileSize, List<Candidate> candidates, List<String> notes) {

        public Result {
            candidates = List.copyOf(candidates);
            notes = List.copyOf(notes);
        }

        public List<Candidate> chosen() {
            return candidates.stream().filter(Candidate::chosen).toList();
        }

        public Optional<Candidate> best() {
            return candidates.stream().filter(Candidate::chosen).findFirst();
        }

        /** The best cabinet, or a {@link BadInputException} that says what was looked at. */
        public Candidate require() throws BadInputException {
            Optional<Candidate> b = best();
            if (b.isPresent()) {
                return b.get();
            }
            String why = notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
            throw BadInputException.in(source)
                    .hint("give a .cab file or a self-extracting package that contains one; "
                            + "--verbose lists what was examined")
                    .problem("no cabinet found" + why);
        }
    }

    /** Bytes read per step of a signature scan. */
    static final int SCAN_CHUNK = 1 << 20;
    /** Rejected scan hits kept for the report; the rest are only counted. */
    static final int MAX_REPORTED_REJECTIONS = 16;
    /** Valid cabinets a scan collects before it stops. */
    static final int MAX_SCAN_CABINETS = 1024;
    static final String RESOURCE_NAME = "CABINET";

    private CabinetLocator() {
    }

    public static Result locate(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return locate(ch, file.toString());
        }
    }

    /** Locates cabinets in an open channel, which stays open. */
    public static Result locate(SeekableByteChannel ch, String source) throws IOException {
        return new Search(ch, source).run();
    }

    static final class Search {
        private final SeekableByteChannel ch;
        private final String source;
        private final long size;
        private final List<Candidate> found = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private int plausibleCount;

        Search(SeekableByteChannel ch, String source) throws IOException {
            this.ch = ch;
            this.source = source;
            this.size = ch.size();
        }

        Result run() throws IOException {
            if (size >= 4 && size < CabConstants.CFHEADER_SIZE && read(0, 4).getInt(0) == CabConstants.SIGNATURE) {
                // Hand it to the reader, whose error names the truncated header precisely.
                found.add(new Candidate(0, size, Method.WHOLE_FILE, false,
                        List.of("the file starts with MSCF", "header truncated at " + size + " bytes"), null));
                return finish();
            }
            if (size < CabConstants.CFHEADER_SIZE) {
                notes.add("the file is only " + size + " bytes, smaller than a cabinet header");
                return finish();
            }
            ByteBuffer head = read(0, CabConstants.CFHEADER_SIZE);
            if (head.getInt(0) == CabConstants.SIGNATURE) {
                Header h = Header.parse(head);
                Optional<String> bad = h.implausibility(size);
                if (bad.isEmpty()) {
                    found.add(new Candidate(0, h.cbCabinet(), Method.WHOLE_FILE, false,
                            List.of("the file starts with MSCF", "header sane"), h));
                    return finish();
                }
                // A damaged header at 0 may be junk in front of the real cabinet ("MSCFMSCF...").
                notes.add("the header at offset 0 looks damaged (" + bad.get() + "); scanned the rest of the file");
                scan(1, size, size, "");
                if (plausibleCount == 0) {
                    // The file is still meant to be a cabinet: the reader's error about its header
                    // says more than "no cabinet found".
                    found.add(new Candidate(0, h.cbCabinet(), Method.WHOLE_FILE, false,
                            List.of("the file starts with MSCF", "header looks damaged: " + bad.get()), h));
                } else {
                    found.add(new Candidate(0, h.cbCabinet(), Method.WHOLE_FILE, false,
                            List.of("the file starts with MSCF", bad.get(), REJECTED), h));
                }
                return finish();
            }
            if (PeReader.looksLikePe(ch)) {
                searchPe();
            } else {
                notes.add("neither a cabinet nor a PE image; scanned for MSCF signatures");
                scan(0, size, size, "");
            }
            return finish();
        }

        private void searchPe() throws IOException {
            PeFile pe;
            PeReader reader;
            try {
                reader = PeReader.of(ch, source);
                pe = reader.pe();
            } catch (BadInputException e) {
                notes.add("a damaged PE image (" + e.problem() + "); scanned the whole file");
                scan(0, size, size, "");
                return;
            }
            try {
                for (ResourceEntry e : reader.resources().find(ResourceId.RT_RCDATA, RESOURCE_NAME)) {
                    if (e.fileOffset() < 0) {
                        notes.add("resource " + e.path() + " points outside the file");
                        continue;
                    }
                    consider(e.fileOffset(), e.size(), Method.PE_RESOURCE, "resource " + e.path() + " of " + e.size()
                            + " bytes", "resource " + e.path() + " does not start with MSCF");
                }
            } catch (BadInputException e) {
                notes.add("the resource tree is damaged (" + e.problem() + "); resources not searched");
            }
            boolean overlayScanned = false;
            if (pe.hasOverlay()) {
                long start = pe.overlayOffset();
                long room = pe.overlayEnd() - start;
                String where = "overlay of " + room + " bytes after the last section"
                        + (pe.certificateTable().isPresent() ? ", before the certificate table" : "");
                int before = found.size();
                if (!consider(start, room, Method.PE_OVERLAY, where, null)) {
                    // When MSCF was there but failed the checks, it is already reported: scan past it.
                    boolean rejectedAtStart = found.size() > before;
                    notes.add("the PE overlay at " + start + " does not start with a "
                            + (rejectedAtStart ? "plausible " : "") + "cabinet; scanned it");
                    scan(start + (rejectedAtStart ? 1 : 0), pe.overlayEnd(), pe.overlayEnd(), " in the PE overlay");
                    overlayScanned = true;
                }
            } else {
                notes.add("the PE image has no overlay");
            }
            if (plausibleCount == 0) {
                if (overlayScanned) {
                    notes.add("no cabinet in the PE resources or overlay; scanned the rest of the file");
                    scan(0, pe.overlayOffset(), size, "");
                    scan(pe.overlayEnd(), size, size, "");
                } else {
                    notes.add("no cabinet in the PE resources or overlay; scanned the whole file");
                    scan(0, size, size, "");
                }
            }
        }

        private static final String REJECTED = "<rejected>";

        /**
         * Checks for a cabinet at {@code offset} with {@code room} bytes available; records it as
         * a candidate when "MSCF" is there. Returns whether a plausible cabinet was found.
         */
        private boolean consider(long offset, long room, Method method, String where, String noSignatureNote)
                throws IOException {
            if (room < CabConstants.CFHEADER_SIZE || offset + CabConstants.CFHEADER_SIZE > size) {
                if (noSignatureNote != null) {
                    notes.add(noSignatureNote + " (too small)");
                }
                return false;
            }
            ByteBuffer b = read(offset, CabConstants.CFHEADER_SIZE);
            if (b.getInt(0) != CabConstants.SIGNATURE) {
                if (noSignatureNote != null) {
                    notes.add(noSignatureNote);
                }
                return false;
            }
            return record(offset, Header.parse(b), room, method, where);
        }

        private boolean record(long offset, Header h, long room, Method method, String where) {
            List<String> reasons = new ArrayList<>();
            reasons.add(where);
            Optional<String> bad = h.implausibility(room);
            if (bad.isPresent()) {
                reasons.add(bad.get());
                reasons.add(REJECTED);
            } else {
                reasons.add("header sane: version 1.3, " + h.folders() + " folder(s), " + h.files() + " file(s)"
                        + (h.reservedFieldsZero() ? "" : ", but reserved fields are not zero"));
            }
            found.add(new Candidate(offset, h.cbCabinet(), method, false, reasons, h));
            if (bad.isEmpty()) {
                plausibleCount++;
            }
            return bad.isEmpty();
        }

        /**
         * Streams [from, to) looking for plausible cabinet headers, which may extend up to
         * {@code limit}; a cabinet that is accepted is skipped, so what it contains is not searched.
         */
        private void scan(long from, long to, long limit, String where) throws IOException {
            // Direct, so the kernel copies straight into it; searched in place with word reads.
            ByteBuffer buf = ByteBuffer.allocateDirect(SCAN_CHUNK + CabConstants.CFHEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            long pos = from;
            int rejected = 0;
            int valid = 0;
            while (pos < to && pos + CabConstants.CFHEADER_SIZE <= limit) {
                int want = (int) Math.min(buf.capacity(), limit - pos);
                buf.clear().limit(want);
                readFully(pos, buf);
                // A header must fit entirely in this window; hits nearer its end are found in the next one.
                int lastStart = (int) Math.min(want - CabConstants.CFHEADER_SIZE, to - 1 - pos);
                long next = pos + lastStart + 1;
                for (int i = indexOfSignature(buf, 0, lastStart); i >= 0; i = indexOfSignature(buf, i + 1, lastStart)) {
                    long at = pos + i;
                    Header h = Header.parse(buf.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(i));
                    Optional<String> bad = h.implausibility(limit - at);
                    if (bad.isPresent()) {
                        if (++rejected <= MAX_REPORTED_REJECTIONS) {
                            found.add(new Candidate(at, h.cbCabinet(), Method.SIGNATURE_SCAN, false,
                                    List.of("MSCF found by a scan" + where, bad.get(), REJECTED), h));
                        }
                        continue;
                    }
                    record(at, h, limit - at, Method.SIGNATURE_SCAN, "MSCF found by a scan" + where);
                    if (++valid >= MAX_SCAN_CABINETS) {
                        notes.add("stopped scanning after " + MAX_SCAN_CABINETS + " cabinets");
                        return;
                    }
                    // Like cabextract, resume after this cabinet: MSCF inside it is its own content.
                    next = at + h.cbCabinet();
                    break;
                }
                pos = Math.max(next, pos + 1);
            }
            if (rejected > MAX_REPORTED_REJECTIONS) {
                notes.add((rejected - MAX_REPORTED_REJECTIONS) + " more MSCF hits" + where + " failed the header checks");
            }
        }

        /**
         * The first "MSCF" starting in [from, lastStart] of {@code a}, or -1 ({@code a} holds at
         * least 4 bytes past {@code lastStart}). Eight bytes at a time: a word-wide test finds the
         * 'M's (it may also flag a byte next to one; every candidate is checked in full).
         */
        static int indexOfSignature(ByteBuffer a, int from, int lastStart) {
            int i = from;
            for (; i + 7 <= lastStart; i += 8) {
                long x = a.getLong(i) ^ 0x4D4D4D4D4D4D4D4DL;
                long found = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
                while (found != 0) {
                    int p = i + (Long.numberOfTrailingZeros(found) >>> 3);
                    if (a.getInt(p) == CabConstants.SIGNATURE) {
                        return p;
                    }
                    found &= found - 1;
                }
            }
            for (; i <= lastStart; i++) {
                if (a.getInt(i) == CabConstants.SIGNATURE) {
                    return i;
                }
            }
            return -1;
        }

        /** Chooses the real cabinets: the most trusted first, then any that do not overlap a chosen one. */
        private Result finish() {
            List<Candidate> plausible = new ArrayList<>();
            List<Candidate> out = new ArrayList<>();
            for (Candidate c : found) {
                if (c.reasons().contains(REJECTED)) {
                    out.add(strip(c).withVerdict(false, null));
                } else {
                    plausible.add(c);
                }
            }
            plausible.sort(Comparator.comparing(Candidate::method).thenComparingLong(Candidate::offset));
            List<Candidate> chosen = new ArrayList<>();
            for (Candidate c : plausible) {
                Optional<Candidate> overlap = chosen.stream()
                        .filter(o -> c.offset() < o.end() && o.offset() < Math.max(c.end(), c.offset() + 1)).findFirst();
                if (overlap.isPresent()) {
                    out.add(c.withVerdict(false, "overlaps the cabinet chosen at offset " + overlap.get().offset()
                            + " (" + overlap.get().method().label() + ")"));
                } else {
                    chosen.add(c.withVerdict(true, null));
                }
            }
            out.sort(Comparator.comparingLong(Candidate::offset));
            List<Candidate> all = new ArrayList<>(chosen);
            all.addAll(out);
            return new Result(source, size, all, notes);
        }

        private static Candidate strip(Candidate c) {
            List<String> r = new ArrayList<>(c.reasons());
            r.remove(REJECTED);
            return new Candidate(c.offset(), c.declaredLength(), c.method(), false, r, c.header());
        }

        private ByteBuffer read(long offset, int length) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            readFully(offset, b);
            return b.flip();
        }

        private void readFully(long offset, ByteBuffer b) throws IOException {
            if (ch instanceof FileChannel fc) {
                long p = offset;
                while (b.hasRemaining()) {
                    int n = fc.read(b, p);
                    if (n < 0) {
                        throw BadInputException.in(source).atOffset(p).problem("the file shrank while it was being read");
                    }
                    p += n;
                }
            } else {
                ch.position(offset);
                while (b.hasRemaining()) {
                    if (ch.read(b) < 0) {
                        throw BadInputException.in(source).atOffset(offset).problem("the file shrank while it was being read");
                    }
                }
            }
        }
    }
}
