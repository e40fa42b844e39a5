package dev.slipstream.core.pkg.addon;

import dev.slipstream.core.error.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The container of an addon pack: a 7-Zip archive (read through commons-compress) or a cabinet
 * (read through our {@code CabinetReader}), chosen by the file's signature, not its name. Both are
 * listed first, every member checked against the limits below, and only then extracted, member by
 * member, so a hostile pack is refused before it costs disk space.
 */
public abstract sealed class AddonArchive implements Closeable permits SevenZipAddonArchive, CabinetAddonArchive {

    /** More members than any real pack holds (RyanVM's update pack had about 2,000). */
    public static final int MAX_MEMBERS = 10_000;
    /** One member; the largest real addons (.NET Framework) hold files of tens of MiB. */
    public static final long MAX_MEMBER_SIZE = 1L << 30;
    /** All members together. */
    public static final long MAX_TOTAL_SIZE = 4L << 30;

    private static final byte[] SEVEN_ZIP = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
    private static final byte[] CABINET = {'M', 'S', 'C', 'F'};

    /** Receives one member's bytes while the archive is read in its stored order. */
    @FunctionalInterface
    interface MemberSink {
        void accept(AddonMember member, InputStream data) throws IOException;
    }

    private final Path file;
    private List<AddonMember> members;

    AddonArchive(Path file) {
        this.file = file;
    }

    /** Opens {@code file} as whichever container its first bytes say it is. */
    public static AddonArchive open(Path file) throws IOException {
        byte[] head = new byte[SEVEN_ZIP.length];
        int n;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // fill what the file has
            }
            n = b.position();
        }
        if (n >= SEVEN_ZIP.length && startsWith(head, SEVEN_ZIP)) {
            return SevenZipAddonArchive.openSevenZip(file);
        }
        if (n >= CABINET.length && startsWith(head, CABINET)) {
            return CabinetAddonArchive.openCabinet(file);
        }
        throw BadInputException.in(file).atOffset(0)
                .hint("an addon pack is a .7z archive or a .cab cabinet holding entries.ini; repack it with 7-Zip or makecab")
                .problem("is neither a 7-Zip archive nor a cabinet (no '7z' or 'MSCF' signature)");
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    public Path file() {
        return file;
    }

    /** "7z" or "cab". */
    public abstract String format();

    /** The member names and sizes as the container declares them, in stored order (files only). */
    abstract List<AddonMember> list() throws IOException;

    /** Streams every member in stored order. */
    abstract void read(MemberSink sink) throws IOException;

    /**
     * The members, checked: at most {@value #MAX_MEMBERS}, safe names, no name twice (compared as
     * Windows does), declared sizes within the limits.
     */
    public List<AddonMember> members() throws IOException {
        if (members != null) {
            return members;
        }
        List<AddonMember> raw = list();
        if (raw.size() > MAX_MEMBERS) {
            throw bad(null).hint("split the pack; no addon needs that many files")
                    .problem("declares %d files, more than the %d an addon pack may hold", raw.size(), MAX_MEMBERS);
        }
        Map<String, String> seen = new HashMap<>();
        long total = 0;
        List<AddonMember> out = new ArrayList<>(raw.size());
        for (AddonMember m : raw) {
            String[] why = new String[1];
            String p = MemberNames.normalize(m.path(), why).orElseThrow(() -> bad(m.path())
                    .hint("do not use this pack: it may be hostile").problem("the member '%s' %s", m.path(), why[0]));
            String prior = seen.put(p.toLowerCase(Locale.ROOT), p);
            if (prior != null) {
                throw bad(p).hint("repack it with each file once")
                        .problem("the archive holds '%s' and '%s', the same name to Windows", prior, p);
            }
            if (m.size() < 0 || m.size() > MAX_MEMBER_SIZE) {
                throw bad(p).hint("do not use this pack: it may be hostile")
                        .problem("declares a size of %d bytes, more than the %d MiB a member may have", m.size(), MAX_MEMBER_SIZE >> 20);
            }
            total += m.size();
            if (total > MAX_TOTAL_SIZE) {
                throw bad(null).hint("do not use this pack: it may be hostile")
                        .problem("its files declare more than %d GiB together", MAX_TOTAL_SIZE >> 30);
            }
            out.add(new AddonMember(p, m.size()));
        }
        members = List.copyOf(out);
        return members;
    }

    /**
     * Extracts every member below {@code dir} (which must be empty or absent). A member yielding
     * more or fewer bytes than declared is bad input: no output ever grows past what was checked.
     *
     * @return each member's path to its extracted file
     */
    public Map<String, Path> extractTo(Path dir) throws IOException {
        Map<String, AddonMember> byPath = new HashMap<>();
        for (AddonMember m : members()) {
            byPath.put(m.path(), m);
        }
        Files.createDirectories(dir);
        Path root = dir.toAbsolutePath().normalize();
        Map<String, Path> out = new HashMap<>();
        read((m, data) -> {
            String[] why = new String[1];
            String p = MemberNames.normalize(m.path(), why).orElseThrow();
            AddonMember declared = byPath.get(p);
            if (declared == null) {
                throw bad(p).problem("was not in the archive's directory when it was listed");
            }
            Path target = root.resolve(p).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw bad(p).hint("do not use this pack: it may be hostile").problem("would be written outside the extraction folder");
            }
            Files.createDirectories(target.getParent());
            long written = 0;
            byte[] buf = new byte[64 * 1024];
            try (OutputStream os = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                int r;
                while ((r = data.read(buf)) > 0) {
                    written += r;
                    if (written > declared.size()) {
                        throw bad(p).hint("the pack is corrupt or hostile")
                                .problem("holds more than the %d bytes its directory declares", declared.size());
                    }
                    os.write(buf, 0, r);
                }
            }
            if (written != declared.size()) {
                throw bad(p).hint("the pack is truncated or corrupt; download it again")
                        .problem("holds %d bytes, its directory declares %d", written, declared.size());
            }
            out.put(p, target);
        });
        if (out.size() != byPath.size()) {
            throw bad(null).hint("the pack is truncated or corrupt; download it again")
                    .problem("%d of its %d files could be read", out.size(), byPath.size());
        }
        return out;
    }

    /** A problem report naming the archive, and the member when there is one. */
    BadInputException.Builder bad(String member) {
        return BadInputException.in(member == null ? file.toString() : file + ": " + member);
    }
}
