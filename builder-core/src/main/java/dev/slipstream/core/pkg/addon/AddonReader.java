package dev.slipstream.core.pkg.addon;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfLine;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.inf.InfSection;
import dev.slipstream.core.media.MediaTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads an addon pack: lists and checks its members, finds the one {@code entries*.ini} in its
 * root, extracts the rest into a folder, expands compressed members ({@code NAME.EX_}), and reads
 * the pack's {@code SVCPACK.INF} (plain or {@code SVCPACK.IN_}). Layout, after nLite and RyanVM
 * (docs/addon-format.md): files for the setup folder in the root (or in a folder named after the
 * architecture folder, {@code i386\}), programs for T-13 in {@code svcpack\}.
 */
public final class AddonReader {

    static final Set<String> ARCH_FOLDERS = Set.of("i386", "amd64", "ia64");

    /** Read whole into memory; a real one is a few hundred bytes. */
    static final int MAX_SVCPACK_INF_BYTES = 1 << 20;

    private AddonReader() {
    }

    /**
     * @param work an empty or absent folder the pack is extracted into
     * @param read how to decode the entries file (the media's ANSI code page)
     * @param archFolder the media's architecture folder (I386): the only folder name allowed besides svcpack
     */
    public static AddonPack read(Path file, Path work, InfReadOptions read, String archFolder) throws IOException {
        try (AddonArchive archive = AddonArchive.open(file)) {
            List<AddonMember> members = archive.members();
            String entries = entriesMember(archive, members);
            for (AddonMember m : members) {
                String folder = m.folder().toLowerCase(Locale.ROOT);
                if (!folder.isEmpty() && !folder.equals("svcpack") && !folder.equalsIgnoreCase(archFolder)) {
                    throw archive.bad(m.path()).hint(ARCH_FOLDERS.contains(folder)
                            ? "this pack is for " + folder.toUpperCase(Locale.ROOT) + " media, these media keep their files in " + archFolder
                            : "put files for the setup folder in the archive's root and programs for T-13 in svcpack\\")
                            .problem("is in the folder '%s', which an addon pack for %s media does not have", m.folder(), archFolder);
                }
                if (m.fileName().equalsIgnoreCase(entries) && !m.folder().isEmpty()) {
                    throw archive.bad(m.path()).hint("keep one entries file, in the archive's root")
                            .problem("is a second entries file");
                }
                // Both are read whole into memory: judged by their declared size before anything is extracted.
                if (m.path().equals(entries) && m.size() > EntriesFile.MAX_BYTES) {
                    throw archive.bad(m.path()).hint("this is not an entries file; do not use this pack")
                            .problem("is %d bytes, more than the %d KiB an entries file may have", m.size(), EntriesFile.MAX_BYTES >> 10);
                }
                if (m.folder().isEmpty() && isSvcpackInf(m.fileName()) && m.size() > MAX_SVCPACK_INF_BYTES) {
                    throw archive.bad(m.path()).hint("an addon's SVCPACK.INF lists a few commands; do not use this pack")
                            .problem("is %d bytes, more than the %d KiB an addon's SVCPACK.INF may have", m.size(),
                                    MAX_SVCPACK_INF_BYTES >> 10);
                }
            }
            Map<String, Path> extracted = archive.extractTo(work.resolve("files"));
            Path entriesPath = extracted.get(entries);
            String source = file + ": " + entries;
            AddonManifest manifest = EntriesFile.parse(Files.readAllBytes(entriesPath), source, entries, read);

            Map<String, AddonPack.SetupFile> setup = new TreeMap<>();
            Map<String, Path> svcpack = new TreeMap<>();
            Path svcpackInf = null;
            String svcpackInfMember = null;
            Path expandDir = work.resolve("expanded");
            // Expanded NAME.EX_ files count against the same limits as the archive's members (a
            // small cabinet inside a pack must not unpack to more than the pack could hold), all
            // judged by their cabinets' declared sizes before the first one is expanded.
            long total = members.stream().mapToLong(AddonMember::size).sum();
            for (AddonMember m : members) {
                long max = expansionLimit(m, entries, extracted.get(m.path()));
                if (max > 0) {
                    total += expandedSize(archive, m, extracted.get(m.path()), max, total);
                }
            }
            for (AddonMember m : members) {
                Path p = extracted.get(m.path());
                String name = m.fileName();
                if (m.path().equals(entries)) {
                    continue;
                }
                if (m.folder().equalsIgnoreCase("svcpack")) {
                    svcpack.put(name.toUpperCase(Locale.ROOT), p);
                    continue;
                }
                if (isSvcpackInf(name)) {
                    if (svcpackInf != null) {
                        throw archive.bad(m.path()).hint("keep one SVCPACK.INF").problem("is a second SVCPACK.INF");
                    }
                    svcpackInf = MediaTree.isCompressedName(name) ? expand(archive, m, p, expandDir).plain() : p;
                    svcpackInfMember = m.path();
                    continue;
                }
                AddonPack.SetupFile sf = expansionLimit(m, entries, p) > 0
                        ? expand(archive, m, p, expandDir) : new AddonPack.SetupFile(name, m.path(), p);
                AddonPack.SetupFile prior = setup.put(sf.name().toUpperCase(Locale.ROOT), sf);
                if (prior != null) {
                    throw archive.bad(m.path()).hint("keep one form of the file")
                            .problem("holds %s, and so does %s", sf.name(), prior.member());
                }
            }
            List<String> commands = new ArrayList<>();
            List<String> catalogs = new ArrayList<>();
            if (svcpackInf != null) {
                readSvcpackInf(file + ": " + svcpackInfMember, svcpackInf, read, commands, catalogs);
            }
            return new AddonPack(file, archive.format(), manifest, setup, svcpack, List.copyOf(commands), List.copyOf(catalogs));
        }
    }

    private static boolean isSvcpackInf(String name) {
        return name.equalsIgnoreCase("SVCPACK.INF") || name.equalsIgnoreCase("SVCPACK.IN_");
    }

    /** The one {@code entries*.ini} of the root (nLite reads the first such file; two are ambiguous). */
    private static String entriesMember(AddonArchive archive, List<AddonMember> members) throws BadInputException {
        String found = null;
        for (AddonMember m : members) {
            String n = m.fileName().toLowerCase(Locale.ROOT);
            if (m.folder().isEmpty() && n.startsWith("entries") && n.endsWith(".ini")) {
                if (found != null) {
                    throw archive.bad(null).hint("keep one entries*.ini in the root; which one applies would be a guess")
                            .problem("holds two entries files, %s and %s", found, m.path());
                }
                found = m.path();
            }
        }
        if (found == null) {
            throw archive.bad(null).hint("an addon pack holds its instructions in entries.ini or entries_NAME.ini in its root")
                    .problem("has no entries*.ini in its root, so it is not a RyanVM/nLite addon pack");
        }
        return found;
    }

    private static boolean isCabinet(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 'M' && b[1] == 'S' && b[2] == 'C' && b[3] == 'F';
        }
    }

    /**
     * The most a member may expand to, or 0 when it is used as it is: a compressed setup file (a
     * NAME.EX_ that is a cabinet) or a compressed SVCPACK.IN_, which is read whole into memory.
     */
    private static long expansionLimit(AddonMember m, String entries, Path extracted) throws IOException {
        String name = m.fileName();
        if (m.path().equals(entries) || m.folder().equalsIgnoreCase("svcpack") || !MediaTree.isCompressedName(name)) {
            return 0;
        }
        if (isSvcpackInf(name)) {
            return MAX_SVCPACK_INF_BYTES;
        }
        return isCabinet(extracted) ? AddonArchive.MAX_MEMBER_SIZE : 0;
    }

    /** The size a compressed member declares it expands to, refused when past its limit or the pack's. */
    private static long expandedSize(AddonArchive archive, AddonMember m, Path packed, long maxSize, long totalSoFar)
            throws IOException {
        try (CabinetReader r = CabinetReader.open(packed, 0, CabReadOptions.DEFAULTS.withFollowSet(false))) {
            CabEntry e = onlyEntry(archive, m, r);
            if (e.size() > maxSize) {
                throw archive.bad(m.path()).hint("do not use this pack: it may be hostile")
                        .problem("expands to %d bytes, more than the %d MiB this file may have", e.size(), maxSize >> 20);
            }
            if (totalSoFar + e.size() > AddonArchive.MAX_TOTAL_SIZE) {
                throw archive.bad(m.path()).hint("do not use this pack: it may be hostile")
                        .problem("expands to %d bytes, which takes the pack past the %d GiB its files may hold together",
                                e.size(), AddonArchive.MAX_TOTAL_SIZE >> 30);
            }
            return e.size();
        } catch (BadInputException e) {
            throw within(archive, m, e);
        }
    }

    /** The one file of a compressed member's cabinet, named after the member. */
    private static CabEntry onlyEntry(AddonArchive archive, AddonMember m, CabinetReader r) throws IOException {
        List<CabEntry> es = r.entries();
        if (es.size() != 1) {
            throw archive.bad(m.path()).hint("a compressed setup file holds exactly one file; compress it with makecab alone")
                    .problem("is a cabinet of %d files", es.size());
        }
        CabEntry e = es.get(0);
        String name = e.name().substring(e.name().lastIndexOf('\\') + 1);
        // The name becomes a file name in the workspace: '.', '..', '/' or ':' must not reach Path.resolve.
        String[] why = new String[1];
        if (MemberNames.normalize(name, why).filter(n -> n.indexOf('/') < 0).isEmpty()) {
            throw archive.bad(m.path()).hint("do not use this pack: it may be hostile")
                    .problem("holds a file named '%s', which %s", name, why[0] == null ? "is a path, not a file name" : why[0]);
        }
        if (!MediaTree.compressedName(name).equalsIgnoreCase(m.fileName())) {
            throw archive.bad(m.path()).hint("name the compressed file after the file it holds")
                    .problem("holds %s, whose compressed name is %s", name, MediaTree.compressedName(name));
        }
        return e;
    }

    private static BadInputException within(AddonArchive archive, AddonMember m, BadInputException e) {
        return e.source() != null && e.source().contains(archive.file().getFileName().toString()) ? e
                : e.within(archive.file() + ": " + m.path());
    }

    /** A compressed member (one-file cabinet, as makecab writes NAME.EX_) to its plain file; its size was judged before. */
    private static AddonPack.SetupFile expand(AddonArchive archive, AddonMember m, Path packed, Path dir) throws IOException {
        try (CabinetReader r = CabinetReader.open(packed, 0, CabReadOptions.DEFAULTS.withFollowSet(false))) {
            CabEntry e = onlyEntry(archive, m, r);
            String name = e.name().substring(e.name().lastIndexOf('\\') + 1);
            Files.createDirectories(dir);
            Path out = dir.resolve(name.toUpperCase(Locale.ROOT));
            long n;
            try (InputStream in = r.openStream(e);
                    OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                n = in.transferTo(os);
            }
            if (n != e.size()) {
                throw archive.bad(m.path()).problem("expands to %d bytes, its cabinet declares %d", n, e.size());
            }
            return new AddonPack.SetupFile(name, m.path(), out);
        } catch (BadInputException e) {
            throw within(archive, m, e);
        }
    }

    private static void readSvcpackInf(String source, Path inf, InfReadOptions read, List<String> commands,
            List<String> catalogs) throws IOException {
        InfDocument doc = InfParser.parse(Files.readAllBytes(inf), source, read);
        for (InfSection s : doc.sections()) {
            String n = s.name() == null ? null : s.name().strip().toLowerCase(Locale.ROOT);
            if (n == null || n.equals("version") || n.equals("setupdata")) {
                continue; // the media's own SVCPACK.INF carries these
            }
            if (n.equals("setuphotfixestorun")) {
                for (InfLine l : s.entries()) {
                    commands.add(l.content().strip());
                }
            } else if (n.equals("productcatalogstoinstall")) {
                for (InfLine l : s.entries()) {
                    catalogs.add(l.content().strip());
                }
            } else {
                throw BadInputException.in(source).atLine(s.header().lineNumber())
                        .hint("an addon's SVCPACK.INF adds [SetupHotfixesToRun] and [ProductCatalogsToInstall] lines only")
                        .problem("[%s] is not supported", s.name());
            }
        }
    }
}
