package dev.slipstream.core.check;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.inf.InfDiagnostic;
import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfLine;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.inf.InfSection;
import dev.slipstream.core.inf.layout.DosnetInf;
import dev.slipstream.core.inf.layout.DrvindexInf;
import dev.slipstream.core.inf.layout.LayoutInf;
import dev.slipstream.core.inf.layout.Located;
import dev.slipstream.core.inf.layout.SourceDisksFile;
import dev.slipstream.core.inf.layout.SourceDisksLayout;
import dev.slipstream.core.inf.layout.SourceDisksName;
import dev.slipstream.core.inf.layout.SvcpackInf;
import dev.slipstream.core.inf.layout.TxtsetupSif;
import dev.slipstream.core.media.Architecture;
import dev.slipstream.core.media.CabinetAccess;
import dev.slipstream.core.media.MediaInfo;
import dev.slipstream.core.media.MediaProbe;
import dev.slipstream.core.media.MediaTree;
import dev.slipstream.core.media.SetupInfReader;
import dev.slipstream.core.media.TagFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The media linter: reads an install tree (x86 I386; x64 AMD64 + I386; IA64) and reports where
 * TXTSETUP.SIF, DOSNET.INF, LAYOUT.INF, DRVINDEX.INF, SVCPACK.INF, the tag files and the files on
 * the media disagree. These disagreements are what makes slipstreamed media fail in setup.
 */
public final class MediaChecker {

    private final CabinetAccess cabs;
    private final Function<String, CompressedTest> compressedTest;

    /** How deeply the check tests one compressed file or cabinet. */
    public enum CompressedTest {
        /** Decode every member and verify every checksum: finds any damage. */
        DECODE,
        /**
         * Verify the headers, the data blocks' bounds and every checksum without decoding; decode
         * instead when the cabinet has a block without a checksum. For bytes copied unchanged
         * from a verified source: it finds a damaged copy, not a stream written wrong.
         */
        CHECKSUMS,
        /** Not opened: the file is known to be unchanged from media checked on their own. */
        SKIP
    }

    public MediaChecker(CabinetAccess cabs) {
        this(cabs, path -> CompressedTest.DECODE);
    }

    /**
     * A checker that tests each compressed file and cabinet (media paths with {@code /}) as
     * {@code compressedTest} says. A build decodes the files it wrote and skips the unchanged base
     * files: decoding them again costs most of a build's time and finds only damage that was on
     * the base before (which {@code slipstream check BASE} reports). Every other rule still covers
     * every file.
     */
    public MediaChecker(CabinetAccess cabs, Function<String, CompressedTest> compressedTest) {
        this.cabs = cabs;
        this.compressedTest = compressedTest;
    }

    public CheckReport check(Path root) throws IOException {
        return check(MediaTree.scan(root));
    }

    /** Checks a tree that need not be one folder on disk ({@link MediaTree#of}). */
    public CheckReport check(MediaTree tree) throws IOException {
        return new Run(tree).run();
    }

    /** Where an INF line refers to a media file. */
    private record Ref(String file, String section, int line) {
    }

    /** The state of one check. */
    private final class Run {
        private final MediaTree tree;
        private final List<Finding> findings = new ArrayList<>();
        private final Map<String, Ref> referenced = new HashMap<>();
        private String main;
        private Architecture arch;
        private InfReadOptions readOptions = InfReadOptions.defaults();

        private TxtsetupSif txtsetup;
        private LayoutInf layout;
        private DosnetInf dosnet;
        private DrvindexInf drvindex;
        private SvcpackInf svcpack;
        private final Map<InfDocument, String> paths = new HashMap<>();

        Run(MediaTree tree) {
            this.tree = tree;
        }

        CheckReport run() throws IOException {
            Optional<String> mainFolder = MediaProbe.mainArchFolder(tree);
            if (mainFolder.isEmpty()) {
                add(Severity.ERROR, "not-install-media", ".", null, 0,
                        "no I386, AMD64 or IA64 folder with TXTSETUP.SIF: this is not Windows XP/2003 install media");
                return report(MediaProbe.probe(tree, null, null, null));
            }
            main = mainFolder.get();
            arch = Architecture.ofFolder(main).orElseThrow();
            loadSetupFiles();
            MediaInfo info = MediaProbe.probe(tree, main, txtsetup, layout);

            if (txtsetup != null) {
                checkSourceDisksFiles(txtsetup);
            }
            if (layout != null) {
                checkSourceDisksFiles(layout);
            }
            Set<String> dosnetNames = checkDosnet();
            Map<String, DrvindexInf.CabinetFile> cabIndex = checkDrvindex();
            checkDriverCabNames();
            checkSvcpack();
            checkShadowedByDriverCab(cabIndex, dosnetNames);
            checkUnreferenced();
            checkDuplicates();
            checkCaseDuplicates();
            checkShortNames();
            checkCompressedFiles();
            checkTags(info);
            return report(info);
        }

        private CheckReport report(MediaInfo info) {
            findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::file)
                    .thenComparingInt(Finding::line).thenComparing(Finding::message));
            return new CheckReport(tree.root(), info, List.copyOf(findings));
        }

        // ---- loading -------------------------------------------------------------------------

        private void loadSetupFiles() throws IOException {
            InfDocument t = load("TXTSETUP.SIF", true, false);
            if (t != null) {
                // CHS media keep their INF strings in CP936: TXTSETUP's [nls] says which code page
                int cp = new TxtsetupSif(t).nls("AnsiCodepage").map(MediaProbe::codePageOf).orElse(0);
                Optional<Charset> cs = cp == 0 || cp == 1252 ? Optional.empty() : MediaProbe.ansiCharset(cp);
                if (cs.isPresent()) {
                    readOptions = InfReadOptions.withAnsi(cs.get());
                    findings.clear();
                    t = load("TXTSETUP.SIF", true, false);
                }
            }
            txtsetup = t == null ? null : new TxtsetupSif(t);
            InfDocument l = load("LAYOUT.INF", true, true);
            layout = l == null ? null : new LayoutInf(l);
            InfDocument d = load("DOSNET.INF", true, false);
            dosnet = d == null ? null : new DosnetInf(d);
            InfDocument v = load("DRVINDEX.INF", true, true);
            drvindex = v == null ? null : new DrvindexInf(v);
            InfDocument s = load("SVCPACK.INF", false, true);
            svcpack = s == null ? null : new SvcpackInf(s);
        }

        /** Reads a setup file from the main folder, or its compressed copy through the cabinet reader. */
        private InfDocument load(String name, boolean required, boolean compressedAllowed) throws IOException {
            Optional<String> plain = tree.findFile(main, name);
            Optional<String> packed = compressedAllowed ? tree.findFile(main, MediaTree.compressedName(name)) : Optional.empty();
            String path = plain.or(() -> packed).orElse(null);
            referenced(main + "/" + name, null);
            referenced(main + "/" + MediaTree.compressedName(name), null);
            if (path == null) {
                if (required) {
                    add(Severity.ERROR, "missing-file", main + "/" + name, null, 0,
                            name + " is missing" + (compressedAllowed ? " (neither it nor " + MediaTree.compressedName(name) + " exists)" : "")
                                    + ": setup cannot run without it");
                }
                return null;
            }
            if (plain.isEmpty() && !cabs.available()) {
                add(Severity.WARNING, "compressed-not-read", path, null, 0, "only the compressed copy exists and this "
                        + "build has no cabinet reader: its entries were not checked; expand it with cabextract to check them");
                return null;
            }
            InfDocument doc;
            try {
                doc = SetupInfReader.read(tree, main, name, cabs, readOptions).orElseThrow().document();
            } catch (BadInputException e) {
                add(Severity.ERROR, "unreadable-inf", path, null, Math.max(e.line(), 0), e.getMessage());
                return null;
            } catch (IOException e) {
                if (plain.isPresent()) {
                    throw e;
                }
                add(Severity.ERROR, "corrupt-compressed", path, null, 0, "cannot expand " + path + ": " + e.getMessage());
                return null;
            }
            paths.put(doc, path);
            for (InfDiagnostic w : doc.warnings()) {
                add(Severity.WARNING, "open-quote", path, sectionAt(doc, w.line()), w.line(), w.message());
            }
            return doc;
        }

        private String pathOf(InfDocument doc) {
            return paths.get(doc);
        }

        // ---- entries against files -----------------------------------------------------------

        private void checkSourceDisksFiles(SourceDisksLayout view) {
            String file = pathOf(view.document());
            Map<String, Located<SourceDisksName>> disks = view.sourceDisksNames(arch.setupName());
            for (Located<SourceDisksFile> e : view.sourceDisksFiles(arch.setupName())) {
                SourceDisksFile f = e.value();
                Located<SourceDisksName> disk = disks.get(f.diskId().toLowerCase(Locale.ROOT));
                if (disk == null) {
                    add(Severity.ERROR, "unknown-disk", file, e.section(), e.lineNumber(), f.name() + " is on disk id '"
                            + f.diskId() + "', which [SourceDisksNames." + arch.setupName() + "] does not define");
                    continue;
                }
                String folder = disk.value().folder() + (f.subdir().isBlank() ? "" : "/" + MediaTree.normalize(f.subdir()));
                requireOnMedia(folder, f.name(), new Ref(file, e.section(), e.lineNumber()));
            }
        }

        private Set<String> checkDosnet() {
            Set<String> names = new HashSet<>();
            if (dosnet == null) {
                return names;
            }
            String file = pathOf(dosnet.document());
            Map<String, String> dirs = lower(dosnet.directories());
            List<Located<DosnetInf.FileLine>> lines = new ArrayList<>(dosnet.files());
            for (int n : dosnet.floppyNumbers()) {
                lines.addAll(dosnet.floppyFiles(n));
            }
            for (Located<DosnetInf.FileLine> l : lines) {
                DosnetInf.FileLine f = l.value();
                String dir = dirs.get(f.dirKey().toLowerCase(Locale.ROOT));
                if (dir == null) {
                    add(Severity.ERROR, "unknown-directory", file, l.section(), l.lineNumber(), "'" + f.dirKey()
                            + "' is not defined in [Directories]");
                    continue;
                }
                if (l.section().equalsIgnoreCase("Files")) {
                    names.add(f.name().toLowerCase(Locale.ROOT));
                }
                String folder = MediaTree.normalize(dir);
                requireOnMedia(folder.isEmpty() ? main : folder, f.mediaName(), new Ref(file, l.section(), l.lineNumber()));
            }
            return names;
        }

        private Map<String, DrvindexInf.CabinetFile> checkDrvindex() {
            if (drvindex == null) {
                return Map.of();
            }
            String file = pathOf(drvindex.document());
            Map<String, Located<String>> cabsBySection = drvindex.cabs();
            for (String sec : drvindex.cabSections()) {
                Located<String> cab = cabsBySection.get(sec.toLowerCase(Locale.ROOT));
                if (cab == null) {
                    InfLine l = drvindex.document().entry("Version", "CabFiles").orElseThrow();
                    add(Severity.ERROR, "missing-cabinet", file, "Version", l.lineNumber(), "CabFiles names section ["
                            + sec + "], but [Cabs] has no " + sec + "=<cabinet> line");
                    continue;
                }
                Ref ref = new Ref(file, cab.section(), cab.lineNumber());
                Optional<String> cabPath = tree.findFile(main, cab.value());
                referenced(main + "/" + cab.value(), ref);
                if (cabPath.isEmpty()) {
                    add(Severity.ERROR, "missing-file", file, cab.section(), cab.lineNumber(), "driver cabinet " + cab.value()
                            + " is not in " + main + ": setup cannot find the " + drvindex.filesIn(sec).size()
                            + " files DRVINDEX lists in [" + sec + "]");
                    continue;
                }
                if (!drvindex.document().hasSection(sec)) {
                    add(Severity.ERROR, "missing-section", file, "Version", drvindex.document().entry("Version", "CabFiles")
                            .map(InfLine::lineNumber).orElse(0), "CabFiles names [" + sec + "], which does not exist");
                }
                if (cabs.available()) {
                    compareCabinetWithIndex(cabPath.get(), sec, file);
                }
            }
            return drvindex.index();
        }

        private void compareCabinetWithIndex(String cabPath, String sec, String file) {
            Set<String> members = new HashSet<>();
            try {
                for (String m : cabs.members(tree.resolve(cabPath))) {
                    members.add(m.substring(Math.max(m.lastIndexOf('\\'), m.lastIndexOf('/')) + 1).toLowerCase(Locale.ROOT));
                }
            } catch (IOException e) {
                add(Severity.ERROR, "corrupt-compressed", cabPath, null, 0, "cannot list the cabinet: " + e.getMessage());
                return;
            }
            for (Located<String> f : drvindex.filesIn(sec)) {
                if (!members.contains(f.value().toLowerCase(Locale.ROOT))) {
                    add(Severity.ERROR, "cab-index-mismatch", file, f.section(), f.lineNumber(), f.value()
                            + " is listed for " + cabPath + ", which does not contain it");
                }
            }
        }

        private void checkDriverCabNames() {
            if (txtsetup == null) {
                return;
            }
            String file = pathOf(txtsetup.document());
            for (InfLine l : txtsetup.document().entries("SetupData", "DriverCabName")) {
                for (String cab : txtsetup.document().resolvedFields(l)) {
                    Ref ref = new Ref(file, "SetupData", l.lineNumber());
                    referenced(main + "/" + cab, ref);
                    if (tree.findFile(main, cab).isEmpty()) {
                        add(Severity.ERROR, "missing-file", file, "SetupData", l.lineNumber(), "DriverCabName " + cab
                                + " is not in " + main);
                    }
                }
            }
        }

        private void checkSvcpack() {
            if (svcpack == null) {
                return;
            }
            String file = pathOf(svcpack.document());
            String catDir = svcpack.catalogSubDir().map(MediaTree::normalize).filter(s -> !s.isEmpty())
                    .orElse(main + "/svcpack");
            for (Located<String> cat : svcpack.productCatalogs()) {
                Ref ref = new Ref(file, cat.section(), cat.lineNumber());
                if (tree.findFile(catDir, cat.value()).isEmpty()) {
                    add(Severity.ERROR, "missing-file", file, cat.section(), cat.lineNumber(), "catalog " + cat.value()
                            + " is not in " + catDir + ": GUI setup cannot install it and file protection may replace hotfixed files");
                }
                referenced(catDir + "/" + cat.value(), ref);
            }
            for (Located<String> cmd : svcpack.hotfixesToRun()) {
                String program = firstToken(cmd.value());
                String rel = resolveRelative(main + "/svcpack", program);
                if (rel == null || tree.find(rel).filter(p -> Files.isRegularFile(tree.resolve(p))).isEmpty()) {
                    add(Severity.ERROR, "missing-file", file, cmd.section(), cmd.lineNumber(), program
                            + " is not in " + main + "/svcpack: the T-13 command '" + cmd.value() + "' will fail");
                } else {
                    referenced(rel, new Ref(file, cmd.section(), cmd.lineNumber()));
                }
            }
        }

        /** KB822404: a hotfixed file that DRVINDEX also lists is taken from the cabinet unless DOSNET lists it. */
        private void checkShadowedByDriverCab(Map<String, DrvindexInf.CabinetFile> cabIndex, Set<String> dosnetNames) {
            if (drvindex == null || dosnet == null) {
                return;
            }
            String file = pathOf(drvindex.document());
            Map<String, Located<String>> firstListing = new HashMap<>();
            for (String sec : drvindex.cabSections()) {
                for (Located<String> f : drvindex.filesIn(sec)) {
                    firstListing.putIfAbsent(f.value().toLowerCase(Locale.ROOT), f);
                }
            }
            for (DrvindexInf.CabinetFile cf : cabIndex.values()) {
                Optional<String> loose = tree.findFile(main, cf.name()).or(() -> tree.findFile(main, MediaTree.compressedName(cf.name())));
                if (loose.isPresent() && !dosnetNames.contains(cf.name().toLowerCase(Locale.ROOT))) {
                    Located<String> where = firstListing.get(cf.name().toLowerCase(Locale.ROOT));
                    add(Severity.ERROR, "shadowed-by-driver-cab", file, where.section(), where.lineNumber(), loose.get()
                            + " is on the media, but DRVINDEX lists " + cf.name() + " in " + (cf.cabinet() == null ? "[" + cf.cabSection() + "]" : cf.cabinet())
                            + " and DOSNET.INF [Files] has no d1," + cf.name() + " line: setup installs the cabinet's older copy "
                            + "(KB822404). Add d1," + cf.name() + " to DOSNET.INF [Files]");
                }
            }
        }

        private void checkUnreferenced() {
            for (String folder : MediaProbe.archFolders(tree)) {
                for (String f : tree.filesIn(folder)) {
                    String name = f.substring(f.lastIndexOf('/') + 1);
                    if (!referenced.containsKey(f.toLowerCase(Locale.ROOT)) && !name.matches("(?i)SP\\d+\\.CAT")) {
                        add(Severity.WARNING, "unreferenced-file", f, null, 0, "no TXTSETUP.SIF, LAYOUT.INF, DOSNET.INF or "
                                + "DRVINDEX.INF entry refers to this file: setup never copies it (a leftover, or a missing entry)");
                    }
                }
            }
        }

        private void checkDuplicates() {
            if (txtsetup != null) {
                duplicates(txtsetup.document(), s -> startsWithAny(s, "SourceDisksFiles", "SourceDisksNames", "WinntDirectories",
                        "FileFlags", "SCSI.Load"));
            }
            if (layout != null) {
                duplicates(layout.document(), s -> startsWithAny(s, "SourceDisksFiles", "SourceDisksNames"));
            }
            if (dosnet != null) {
                duplicates(dosnet.document(), s -> s.equalsIgnoreCase("Files") || startsWithAny(s, "FloppyFiles.")
                        || s.equalsIgnoreCase("Directories") || s.equalsIgnoreCase("OptionalSrcDirs"));
            }
            if (drvindex != null) {
                Set<String> cabSections = new HashSet<>();
                drvindex.cabSections().forEach(c -> cabSections.add(c.toLowerCase(Locale.ROOT)));
                duplicates(drvindex.document(), s -> s.equalsIgnoreCase("Cabs") || cabSections.contains(s.toLowerCase(Locale.ROOT)));
            }
            if (svcpack != null) {
                duplicates(svcpack.document(), s -> s.equalsIgnoreCase("ProductCatalogsToInstall")
                        || s.equalsIgnoreCase("SetupHotfixesToRun"));
            }
        }

        private void duplicates(InfDocument doc, Predicate<String> sectionFilter) {
            String file = pathOf(doc);
            Map<String, Integer> seenSections = new HashMap<>();
            for (InfSection s : doc.sections()) {
                if (s.name() == null) {
                    continue;
                }
                String key = s.name().toLowerCase(Locale.ROOT);
                Integer first = seenSections.putIfAbsent(key, s.header().lineNumber());
                if (first != null) {
                    add(Severity.WARNING, "duplicate-section", file, s.name(), s.header().lineNumber(), "[" + s.name()
                            + "] appears again (first at line " + first + "); setup merges them, but edits belong in the first one");
                }
            }
            for (String name : doc.sectionNames()) {
                if (!sectionFilter.test(name)) {
                    continue;
                }
                Map<String, InfLine> seen = new HashMap<>();
                for (InfSection s : doc.sections(name)) {
                    for (InfLine l : s.entries()) {
                        InfLine first = seen.putIfAbsent(l.identity(), l);
                        if (first != null) {
                            String what = l.key() != null ? "key '" + l.key() + "'" : "line '" + l.content().strip() + "'";
                            add(Severity.ERROR, "duplicate-entry", file, s.name(), l.lineNumber(), what + " appears again "
                                    + "(first at line " + first.lineNumber() + ", compared case-insensitively); keep one");
                        }
                    }
                }
            }
        }

        private void checkCaseDuplicates() {
            for (List<String> group : tree.caseDuplicates()) {
                add(Severity.ERROR, "duplicate-file", group.get(1), null, 0, String.join(" and ", group)
                        + " differ only in letter case: setup and the ISO see one file; delete one");
            }
        }

        private void checkShortNames() {
            for (String folder : MediaProbe.archFolders(tree)) {
                List<String> files = new ArrayList<>(tree.filesIn(folder));
                tree.find(folder + "/svcpack").ifPresent(sp -> files.addAll(tree.filesIn(sp)));
                for (String f : files) {
                    String name = f.substring(f.lastIndexOf('/') + 1);
                    if (!ShortNames.isShortName(name)) {
                        add(Severity.ERROR, "not-8.3", f, null, 0, "'" + name + "' is not an 8.3 name, which text-mode setup "
                                + "needs here; store it under an 8.3 name and give the long name in TXTSETUP field 11");
                    }
                }
            }
        }

        private void checkCompressedFiles() throws IOException {
            int untested = 0;
            int skipped = 0;
            List<String> toTest = new ArrayList<>();
            List<CompressedTest> depths = new ArrayList<>();
            for (String folder : MediaProbe.archFolders(tree)) {
                for (String f : tree.filesIn(folder)) {
                    String name = f.substring(f.lastIndexOf('/') + 1);
                    boolean compressed = MediaTree.isCompressedName(name);
                    boolean cabinet = name.toLowerCase(Locale.ROOT).endsWith(".cab");
                    if (compressed || cabinet) {
                        if (!cabs.available()) {
                            untested++;
                        } else {
                            CompressedTest depth = compressedTest.apply(f);
                            if (depth == CompressedTest.SKIP) {
                                skipped++;
                            } else {
                                toTest.add(f);
                                depths.add(depth);
                            }
                        }
                    }
                    if (!compressed) {
                        Optional<String> packed = tree.findFile(folder, MediaTree.compressedName(name));
                        if (packed.isPresent() && !packed.get().equals(f)) {
                            comparePlainAndCompressed(f, packed.get());
                        }
                    }
                }
            }
            int byChecksums = testCabinets(toTest, depths);
            if (byChecksums > 0) {
                add(Severity.INFO, "compressed-verified-by-checksums", main, null, 0, byChecksums + " compressed files copied "
                        + "unchanged from the packages were verified by their headers and data-block checksums, not decoded; "
                        + "`slipstream check` on the result decodes them");
            }
            if (untested > 0) {
                add(Severity.INFO, "compressed-not-tested", main, null, 0, untested + " compressed files and cabinets were not "
                        + "tested: this build has no cabinet reader");
            }
            if (skipped > 0) {
                add(Severity.INFO, "base-compressed-not-tested", main, null, 0, skipped + " compressed files the build did not "
                        + "change were not decompressed again; `slipstream check` on the base media tests them");
            }
        }

        /**
         * Tests on every core: on a full CD this is thousands of LZX files and most of the check's time.
         *
         * @return how many files were verified by their checksums alone
         */
        private int testCabinets(List<String> files, List<CompressedTest> depths) throws IOException {
            int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), files.size()));
            ExecutorService pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "check-decompress");
                t.setDaemon(true);
                return t;
            });
            int byChecksums = 0;
            try {
                List<Future<Tested>> results = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    String f = files.get(i);
                    CompressedTest depth = depths.get(i);
                    results.add(pool == null ? java.util.concurrent.CompletableFuture.completedFuture(tested(f, depth))
                            : pool.submit(() -> tested(f, depth)));
                }
                // Findings are added in tree order, so the report does not depend on scheduling.
                for (int i = 0; i < files.size(); i++) {
                    Tested t = results.get(i).get();
                    if (t.damage() != null) {
                        reportCorrupt(files.get(i), t.damage());
                    } else if (!t.decoded()) {
                        byChecksums++;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("check interrupted");
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                throw new IllegalStateException(c);
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
            return byChecksums;
        }

        /** @param damage what is wrong, or null; @param decoded whether the file was decoded */
        private record Tested(String damage, boolean decoded) {
        }

        private Tested tested(String f, CompressedTest depth) {
            try {
                if (depth == CompressedTest.CHECKSUMS && cabs.verifyWithoutDecoding(tree.resolve(f))) {
                    return new Tested(null, false);
                }
                cabs.test(tree.resolve(f));
                return new Tested(null, true);
            } catch (IOException e) {
                return new Tested(e.getMessage(), true);
            }
        }

        private void reportCorrupt(String f, String damage) {
            add(Severity.ERROR, "corrupt-compressed", f, null, 0, "the compressed file is damaged: " + damage
                    + "; replace it from the original media or recompress the uncompressed copy");
        }

        private void comparePlainAndCompressed(String plain, String packed) throws IOException {
            if (!cabs.available()) {
                add(Severity.WARNING, "compressed-and-plain", plain, null, 0, "both " + plain + " and " + packed
                        + " exist (contents not compared: this build has no cabinet reader); setup may take either: delete one");
                return;
            }
            boolean same;
            try (InputStream a = new BufferedInputStream(Files.newInputStream(tree.resolve(plain)));
                    InputStream b = new BufferedInputStream(cabs.openCompressed(tree.resolve(packed)))) {
                same = sameContent(a, b);
            } catch (BadInputException e) {
                return; // reported as corrupt-compressed
            }
            if (same) {
                add(Severity.WARNING, "compressed-and-plain", plain, null, 0, "both " + plain + " and " + packed
                        + " exist with the same content: delete one");
            } else {
                add(Severity.ERROR, "compressed-plain-differ", plain, null, 0, plain + " and " + packed + " differ: setup may install "
                        + "either; keep only the newer file (recompress it or delete the other)");
            }
        }

        private void checkTags(MediaInfo info) {
            TagFiles tags = TagFiles.in(tree);
            if (!tags.hasFamilyTag()) {
                add(Severity.ERROR, "missing-tag", "WIN51", null, 0, "the WIN51 tag file is missing from the media root: "
                        + "setup and slipstream tools use it to recognise XP/2003 media");
            }
            if (tags.editionTags().isEmpty()) {
                add(Severity.ERROR, "missing-tag", "WIN51" + arch.name().charAt(0) + "?", null, 0,
                        "no edition tag file (WIN51IS, WIN51IA, WIN51AA, ...) in the media root: the edition is unknown");
            } else {
                if (tags.editionTags().size() > 1) {
                    add(Severity.WARNING, "tag-mismatch", tags.editionTags().get(1).file(), null, 0, "several edition tags: "
                            + tags.editionTags().stream().map(TagFiles.EditionTag::file).toList() + "; keep the one of this edition");
                }
                for (TagFiles.EditionTag t : tags.editionTags()) {
                    if (t.architecture() != arch) {
                        add(Severity.ERROR, "tag-mismatch", t.file(), null, 0, t.file() + " is a tag of " + t.architecture().setupName()
                                + " media, but this tree's setup files are in " + main + " (" + arch.setupName() + ")");
                    }
                }
            }
            for (TagFiles.ServicePackTag sp : tags.servicePackTags()) {
                if (tags.editionTags().stream().noneMatch(e -> e.file().equalsIgnoreCase(sp.editionFile()))) {
                    add(Severity.ERROR, "tag-mismatch", sp.file(), null, 0, sp.file() + " belongs to edition tag "
                            + sp.editionFile().toUpperCase(Locale.ROOT) + ", which is not on the media");
                }
            }
            for (SourceDisksLayout view : new SourceDisksLayout[] {txtsetup, layout}) {
                if (view == null) {
                    continue;
                }
                for (Located<SourceDisksName> d : view.sourceDisksNames(arch.setupName()).values()) {
                    String tag = d.value().tagFile();
                    if (tag.isBlank() || tag.contains("%")) {
                        continue;
                    }
                    if (tree.find(MediaTree.normalize(tag)).isEmpty()) {
                        add(Severity.ERROR, "missing-tag", pathOf(view.document()), d.section(), d.lineNumber(), "disk "
                                + d.value().id() + " names tag file " + tag + ", which is not on the media: setup will ask for the disk");
                    }
                }
            }
            Set<Integer> levels = new TreeSet<>(info.servicePackEvidence().values());
            if (levels.size() > 1) {
                add(Severity.ERROR, "sp-level-mismatch", main, null, 0, "the service-pack level is inconsistent: "
                        + info.servicePackEvidence() + "; a half-integrated tree: start again from pristine media");
            }
            if (info.servicePack() > 0 && tags.servicePackTags().isEmpty() && !tags.editionTags().isEmpty()) {
                add(Severity.WARNING, "missing-tag", tags.editionTags().get(0).file() + ".SP" + info.servicePack(), null, 0,
                        "the media are SP" + info.servicePack() + " (" + String.join(", ", info.servicePackEvidence().keySet())
                                + ") but the service-pack tag file is missing");
            }
        }

        // ---- helpers -------------------------------------------------------------------------

        /** Marks a file as used; reports it missing unless it, its compressed copy or a driver cabinet has it. */
        private void requireOnMedia(String folder, String name, Ref ref) {
            if (!ShortNames.isShortName(name)) {
                add(Severity.ERROR, "not-8.3", ref.file(), ref.section(), ref.line(), "'" + name + "' is not an 8.3 name, which "
                        + "setup needs for source files; store it under an 8.3 name and give the long name in field 11");
            }
            String shownFolder = tree.find(folder).orElse(folder.toUpperCase(Locale.ROOT));
            String plain = shownFolder + "/" + name;
            String packed = shownFolder + "/" + MediaTree.compressedName(name);
            referenced(plain, ref);
            referenced(packed, ref);
            if (tree.findFile(folder, name).isPresent() || tree.findFile(folder, MediaTree.compressedName(name)).isPresent()) {
                return;
            }
            if (drvindex != null && drvindex.cabinetFor(name).isPresent()) {
                return;
            }
            add(Severity.ERROR, "missing-file", ref.file(), ref.section(), ref.line(), name + " is listed, but neither " + plain
                    + " nor " + packed + " exists and no DRVINDEX cabinet has it: setup will stop with \"file not found\"");
        }

        private void referenced(String relPath, Ref ref) {
            referenced.putIfAbsent(MediaTree.normalize(relPath).toLowerCase(Locale.ROOT), ref);
        }

        private void add(Severity s, String code, String file, String section, int line, String message) {
            findings.add(new Finding(s, code, file, section, line, message));
        }
    }

    private static boolean sameContent(InputStream a, InputStream b) throws IOException {
        byte[] ba = new byte[1 << 16];
        byte[] bb = new byte[1 << 16];
        while (true) {
            int na = a.readNBytes(ba, 0, ba.length);
            int nb = b.readNBytes(bb, 0, bb.length);
            if (na != nb || !java.util.Arrays.equals(ba, 0, na, bb, 0, nb)) {
                return false;
            }
            if (na == 0) {
                return true;
            }
        }
    }

    private static boolean startsWithAny(String s, String... prefixes) {
        for (String p : prefixes) {
            if (s.regionMatches(true, 0, p, 0, p.length())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> lower(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    /** The section (as written) that holds a line of the file as read. */
    static String sectionAt(InfDocument doc, int line) {
        String name = null;
        for (InfSection s : doc.sections()) {
            if (s.header() != null && s.header().lineNumber() > 0 && s.header().lineNumber() <= line) {
                name = s.name();
            }
        }
        return name;
    }

    private static String firstToken(String command) {
        String c = command.strip();
        if (c.startsWith("\"")) {
            int end = c.indexOf('"', 1);
            return end < 0 ? c.substring(1) : c.substring(1, end);
        }
        int sp = c.indexOf(' ');
        return sp < 0 ? c : c.substring(0, sp);
    }

    /** Resolves {@code ..\winnt32.exe} against {@code I386/svcpack}; null if it leaves the tree. */
    private static String resolveRelative(String base, String program) {
        String p = program.replace('\\', '/');
        List<String> parts = new ArrayList<>(List.of(base.split("/")));
        if (p.startsWith("/")) {
            parts.clear();
        }
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(seg);
            }
        }
        return String.join("/", parts);
    }
}
