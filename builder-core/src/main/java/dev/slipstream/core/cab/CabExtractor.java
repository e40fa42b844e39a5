package dev.slipstream.core.cab;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.io.AtomicOutput;
import dev.slipstream.core.io.WriteBehind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Extracts (or only tests) the members of a cabinet into a directory, safely:
 * <ul>
 * <li>every name is checked before anything is written; a name that would leave the directory
 * ({@code ..}, an absolute path, a drive letter or colon, a Windows device name such as {@code CON}
 * or {@code LPT1}, a control character) is an error naming the member, and then nothing is written
 * at all;</li>
 * <li>names that collide case-insensitively (as they would on Windows) are reported, and the last
 * one in listing order is the one extracted, as sequential overwriting would leave it;</li>
 * <li>each file is written to a temporary file beside it and renamed when complete
 * ({@link AtomicOutput}), and its parent is re-checked after symlinks are resolved, so nothing is
 * ever half-written or written outside the directory;</li>
 * <li>file times come from the cabinet's DOS date and time, read as UTC so that the same cabinet
 * gives the same tree on every machine.</li>
 * </ul>
 * Independent folders decode on separate threads.
 */
public final class CabExtractor {

    private static final Pattern DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|clock\\$|com[0-9]|lpt[0-9]|conin\\$|conout\\$)(\\..*)?");

    /**
     * What to extract and how.
     *
     * @param filter    which members (by {@link CabEntry#path()}); see {@link #glob(String)}
     * @param lowercase lower-case every extracted path
     * @param threads   folders decoded at once
     */
    public record Options(Predicate<CabEntry> filter, boolean lowercase, int threads) {
        public static Options all() {
            return new Options(e -> true, false, Runtime.getRuntime().availableProcessors());
        }
    }

    /** One member written (or tested): where, how many bytes. */
    public record Written(CabEntry entry, String relativePath, long bytes) {
    }

    /**
     * The outcome.
     *
     * @param files      the members written (or tested), in listing order
     * @param collisions one message per member left out because a later one has the same name, ignoring case
     */
    public record Result(List<Written> files, List<String> collisions) {
        public long totalBytes() {
            return files.stream().mapToLong(Written::bytes).sum();
        }
    }

    private CabExtractor() {
    }

    /** A case-insensitive glob over member paths: {@code *} and {@code ?} match any characters, including {@code /}, as cabextract's -F does. */
    public static Predicate<CabEntry> glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '\\' -> re.append('/');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        Pattern p = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
        return e -> p.matcher(e.path()).matches();
    }

    /**
     * The relative path a member is extracted to, with {@code /} separators.
     *
     * @throws BadInputException naming the member when its name is unsafe to write
     */
    public static String safeRelativePath(CabEntry e, boolean lowercase) throws BadInputException {
        String p = e.path();
        String why = unsafeReason(p);
        if (why != null) {
            throw BadInputException.in(e.cabinet().path()).atOffset(e.header().entryOffset())
                    .hint("nothing was extracted; the cabinet is hostile or damaged, list it with 'slipstream cab list' to see all names")
                    .problem("member \"%s\" %s", printable(e.name()), why);
        }
        return lowercase ? p.toLowerCase(Locale.ROOT) : p;
    }

    /** Why {@code path} (with / separators) may not be written below a directory, or {@code null} if it may. */
    public static String unsafeReason(String path) {
        if (path.isEmpty()) {
            return "has an empty name";
        }
        if (path.startsWith("/")) {
            return "is an absolute path";
        }
        if (path.indexOf(':') >= 0) {
            return "contains a colon (a drive letter or an alternate data stream)";
        }
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) < 0x20) {
                return "contains a control character";
            }
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty()) {
                return "has an empty path component";
            }
            if (part.equals("..")) {
                return "climbs out of the destination with \"..\"";
            }
            if (part.equals(".")) {
                return "has a \".\" path component";
            }
            if (DEVICE.matcher(part).matches()) {
                return "names the Windows device " + part.toUpperCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** A member name with control characters shown as {@code \xNN}, for messages. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 ? String.format("\\x%02X", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }

    /** Decodes every selected member and checks its size, writing nothing. */
    public static Result test(CabinetReader reader, Options options) throws IOException {
        List<CabEntry> selected = reader.entries().stream().filter(options.filter()).toList();
        requireDeclaredSizesFit(selected);
        Map<CabEntry, Long> sizes = Collections.synchronizedMap(new HashMap<>());
        Set<CabEntry> wanted = new HashSet<>(selected);
        reader.readAll(wanted::contains, options.threads(), (entry, in) -> sizes.put(entry, drain(in)));
        List<Written> out = new ArrayList<>();
        for (CabEntry e : selected) {
            out.add(new Written(e, e.path(), sizes.getOrDefault(e, 0L)));
        }
        return new Result(out, List.of());
    }

    /** Extracts the selected members below {@code destination}, which is created if needed. */
    public static Result extract(CabinetReader reader, Path destination, Options options) throws IOException {
        List<CabEntry> selected = reader.entries().stream().filter(options.filter()).toList();
        requireDeclaredSizesFit(selected);
        // 1. Every name, before anything is written.
        Map<CabEntry, String> paths = new LinkedHashMap<>();
        for (CabEntry e : selected) {
            paths.put(e, safeRelativePath(e, options.lowercase()));
        }
        // 2. Case-insensitive collisions: the last in listing order wins.
        Map<String, CabEntry> winner = new LinkedHashMap<>();
        for (var p : paths.entrySet()) {
            winner.put(p.getValue().toLowerCase(Locale.ROOT), p.getKey());
        }
        List<String> collisions = new ArrayList<>();
        for (var p : paths.entrySet()) {
            CabEntry w = winner.get(p.getValue().toLowerCase(Locale.ROOT));
            if (w != p.getKey()) {
                collisions.add("\"" + p.getKey().path() + "\" (member " + (p.getKey().index() + 1) + ") and \"" + w.path()
                        + "\" (member " + (w.index() + 1) + ") have the same name ignoring case; extracting member "
                        + (w.index() + 1));
            }
        }
        Set<CabEntry> toWrite = new HashSet<>(winner.values());
        // 3. A path may not be both a file and a directory.
        Set<String> dirs = new HashSet<>();
        for (CabEntry e : toWrite) {
            String p = paths.get(e).toLowerCase(Locale.ROOT);
            for (int i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
                dirs.add(p.substring(0, i));
            }
        }
        for (CabEntry e : toWrite) {
            if (dirs.contains(paths.get(e).toLowerCase(Locale.ROOT))) {
                throw BadInputException.in(e.cabinet().path()).atOffset(e.header().entryOffset())
                        .hint("nothing was extracted; the cabinet's names contradict each other")
                        .problem("member \"%s\" is a file, but other members use it as a directory", e.path());
            }
        }
        Files.createDirectories(destination);
        Path root = destination.toRealPath();
        AtomicOutput.cleanStale(root);
        Map<CabEntry, Long> sizes = Collections.synchronizedMap(new HashMap<>());
        // Decoding a folder is one core's work; the files are created, written and renamed on
        // another thread meanwhile (at most WRITE_BEHIND_CHUNKS chunks waiting).
        try (WriteBehind writer = new WriteBehind("slipstream-cab-write", WriteBehind.WRITE_SIZE, WRITE_BEHIND_CHUNKS, 4096)) {
            reader.readAll(toWrite::contains, options.threads(), (entry, in) -> {
                Path target = root.resolve(paths.get(entry));
                Path parent = target.getParent();
                Files.createDirectories(parent);
                if (!parent.toRealPath().startsWith(root)) {
                    throw BadInputException.in(entry.cabinet().path()).atOffset(entry.header().entryOffset())
                            .hint("remove the symbolic link from the destination, or extract elsewhere")
                            .problem("member \"%s\" would be written outside %s through a symbolic link", entry.path(), root);
                }
                LocalDateTime t = entry.lastModified();
                long n;
                try (WriteBehind.PendingFile out = writer.open(() -> destination(target, t))) {
                    n = out.transferFrom(in);
                    out.commit();
                }
                sizes.put(entry, n);
            });
            writer.finish();
        }
        List<Written> out = new ArrayList<>();
        for (CabEntry e : selected) {
            if (toWrite.contains(e)) {
                out.add(new Written(e, paths.get(e), sizes.getOrDefault(e, 0L)));
            }
        }
        return new Result(out, collisions);
    }

    /**
     * The bytes {@link #extract} would write: the declared sizes of the selected members, counting
     * once each path that several members share ignoring case. Fails as extract would on an unsafe
     * name or an impossible size, so a caller can check a limit before anything is written.
     */
    public static long plannedBytes(CabinetReader reader, Options options) throws BadInputException {
        List<CabEntry> selected = reader.entries().stream().filter(options.filter()).toList();
        requireDeclaredSizesFit(selected);
        Map<String, CabEntry> winner = new HashMap<>();
        for (CabEntry e : selected) {
            winner.put(safeRelativePath(e, options.lowercase()).toLowerCase(Locale.ROOT), e);
        }
        long total = 0;
        for (CabEntry e : winner.values()) {
            total += e.size();
        }
        return total;
    }

    /**
     * Refuses, before anything is written, a member whose declared size its folder cannot hold. A
     * folder of B data blocks decodes to at most B x 32 KiB, and each block needs at least its
     * 8-byte CFDATA header inside the cabinet, so a cabinet of a few hundred bytes cannot claim
     * gigabytes (a decompression bomb, or a corrupt CFFILE). A folder that continues into a
     * cabinet of the set that is not loaded is not judged here; reading it fails anyway.
     */
    public static void requireDeclaredSizesFit(List<CabEntry> members) throws BadInputException {
        Map<FolderChain, Long> capacity = new HashMap<>();
        for (CabEntry e : members) {
            FolderChain chain = e.folder();
            if (chain == null || chain.startsInMissingCabinet()) {
                continue;
            }
            long cap = capacity.computeIfAbsent(chain, CabExtractor::capacity);
            if (cap >= 0 && e.folderOffset() + e.size() > cap) {
                throw BadInputException.in(e.cabinet().path()).atOffset(e.header().entryOffset())
                        .hint("the cabinet is corrupt or hostile; nothing was extracted")
                        .problem("member \"%s\" declares %d bytes at folder offset %d, but its folder's data can hold at most %d bytes",
                                e.path(), e.size(), e.folderOffset(), cap);
            }
        }
    }

    /** The most bytes a folder can decode to, or -1 when it runs into a cabinet that is not loaded. */
    private static long capacity(FolderChain chain) {
        long blocks = 0;
        for (FolderChain.Segment s : chain.segments()) {
            CabinetHeader cab = s.cabinet();
            CabFolder f = s.folder();
            if (cab.hasNext() && f.index() == cab.folders().size() - 1 && s == chain.segments().get(chain.segments().size() - 1)) {
                return -1;
            }
            long room = cab.end() - f.dataOffset();
            long fit = Math.max(0, room) / (CabConstants.CFDATA_SIZE + cab.dataReserveSize());
            blocks += Math.min(f.blockCount(), fit);
        }
        return blocks * CabConstants.MAX_BLOCK_UNCOMPRESSED;
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[65536];
        long n = 0;
        int k;
        while ((k = in.read(buf)) > 0) {
            n += k;
        }
        return n;
    }


    /** 8 MiB of decoded bytes may wait for the writer thread. */
    private static final int WRITE_BEHIND_CHUNKS = (8 << 20) / WriteBehind.WRITE_SIZE;

    /** The member's file: a temporary file renamed into place by the commit, then given the cabinet's time. */
    private static WriteBehind.Destination destination(Path target, LocalDateTime time) throws IOException {
        AtomicOutput ao = AtomicOutput.create(target, AtomicOutput.Durability.NO_SYNC);
        OutputStream s = ao.stream();
        return new WriteBehind.Destination() {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                s.write(b, off, len);
            }

            @Override
            public void commit() throws IOException {
                ao.commit();
                if (time != null) {
                    Files.setLastModifiedTime(target, FileTime.from(time.toInstant(ZoneOffset.UTC)));
                }
            }

            @Override
            public void close() throws IOException {
                ao.close();
            }
        };
    }}
