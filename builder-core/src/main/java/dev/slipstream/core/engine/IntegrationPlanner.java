package dev.slipstream.core.engine;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.engine.hotfix.FileDecision;
import dev.slipstream.core.engine.hotfix.HotfixCandidate;
import dev.slipstream.core.engine.hotfix.HotfixDecider;
import dev.slipstream.core.engine.hotfix.HotfixDecision;
import dev.slipstream.core.engine.hotfix.HotfixDecisions;
import dev.slipstream.core.engine.hotfix.VersionCatalog;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.inf.layout.DrvindexInf;
import dev.slipstream.core.iso.ContentSource;
import dev.slipstream.core.media.Architecture;
import dev.slipstream.core.pkg.Hotfix;
import dev.slipstream.core.pkg.Ie7Package;
import dev.slipstream.core.pkg.ServicePack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides everything a build changes, for the media's architecture, without writing output:
 * which SP2 files replace or join which media files and in which form, which hotfix files win,
 * what SP2.CAB, SP2.CAT, the tag files, IE7 and the SVCPACK folder add, and every INF line that
 * changes with them. The apply step only carries the plan out.
 */
public final class IntegrationPlanner {

    public static final String SPCDNAME = "Windows Server 2003 Service Pack 2 CD";
    /** Update.exe's quiet, no-backup, no-restart switches, which every Windows Server 2003 hotfix accepts. */
    public static final String HOTFIX_SWITCHES = "/q /n /z";

    private final BuildOptions options;
    private final SetupFileCodec codec;
    private final Workspace workspace;
    private final StepReporter reporter;

    private PlanPrelude prelude;

    public IntegrationPlanner(BuildOptions options, SetupFileCodec codec, Workspace workspace, StepReporter reporter) {
        this.options = options;
        this.codec = codec;
        this.workspace = workspace;
        this.reporter = reporter;
    }

    /** Starts from a prelude read earlier (while the service pack was extracted) instead of reading it now. */
    IntegrationPlanner from(PlanPrelude p) {
        this.prelude = p;
        return this;
    }

    public IntegrationPlan plan(StagedTree tree, MediaFacts facts, String mediaName, ServicePack sp, List<Hotfix> hotfixes,
            Optional<Ie7Package> ie7) throws IOException {
        return plan(tree, facts, mediaName, sp, hotfixes, ie7, List.of());
    }

    public IntegrationPlan plan(StagedTree tree, MediaFacts facts, String mediaName, ServicePack sp, List<Hotfix> hotfixes,
            Optional<Ie7Package> ie7, List<dev.slipstream.core.pkg.addon.AddonPack> addonPacks) throws IOException {
        Architecture arch = facts.architecture();
        String setup = arch.folder();
        InfReadOptions read = facts.language().map(l -> InfReadOptions.withAnsi(l.ansiCharset())).orElse(InfReadOptions.defaults());
        PlanPrelude start = prelude != null ? prelude : PlanPrelude.read(tree, facts, mediaName, hotfixes, codec, workspace);
        SetupInfFiles infs = start.infs;
        SetupInfEditor editor = infs.editor(arch);
        Map<String, PlannedFile> files = new TreeMap<>();
        Map<MediaPath, ContentSource> extras = new TreeMap<>();
        List<MediaPath> removals = new ArrayList<>();
        List<String> svcpack = new ArrayList<>();
        // Planning reads the tree and never changes it: each folder's names are listed once.
        Map<String, Set<String>> namesByFolder = new java.util.HashMap<>();
        java.util.function.Function<String, Set<String>> folderNames = f -> namesByFolder.computeIfAbsent(SetupNames.key(f),
                k -> namesIn(tree, f));

        // 1. The service pack's payload, folder by folder, in the form each file has on the media.
        for (String folder : SetupFolders.of(arch)) {
            Set<String> names = folderNames.apply(folder);
            for (Path p : sp.payload(folder)) {
                String stored = p.getFileName().toString();
                boolean packed = SetupNames.isCompressed(stored);
                String name = stored;
                long size;
                if (packed) {
                    SetupFileCodec.Member m = codec.member(ContentSource.ofFile(p));
                    name = m.name();
                    size = m.size();
                } else {
                    size = Files.size(p);
                }
                FileOperation op = FilePlacement.place(names, folder, name, packed, "SP2",
                        names.contains(SetupNames.key(name)) || names.contains(SetupNames.key(SetupNames.compressed(name)))
                                ? "SP2's version" : "new in SP2");
                files.put(key(folder, name), new PlannedFile(op, p, packed, size));
            }
        }

        // 2. SP2.CAB first in DRVINDEX, SP2.CAT, the disk-100 declaration and the SP tag file.
        Optional<Path> spCab = sp.driverCabinet(setup);
        if (spCab.isPresent()) {
            List<String> members = cabinetMembers(spCab.get());
            MediaPath cabPath = MediaPath.of(setup, "SP2.CAB");
            extras.put(cabPath, ContentSource.ofFile(spCab.get()));
            editor.registerDriverCabinet("sp2.cab", "sp2", members, Files.size(spCab.get()));
        }
        Optional<Path> spCat = sp.catalog(setup);
        if (spCat.isPresent()) {
            extras.put(MediaPath.of(setup, "SP2.CAT"), ContentSource.ofFile(spCat.get()));
            editor.added("sp2.cat", Files.size(spCat.get()), SetupInfEditor.SP_DISK, "d1");
        }
        String spTag = facts.editionTag() + ".SP2";
        editor.declareServicePackDisk(servicePackName(sp, setup, read), "\\" + spTag.toLowerCase(Locale.ROOT));
        StagedFile editionTag = tree.get(MediaPath.of(facts.editionTag())).orElseThrow();
        extras.put(MediaPath.of(spTag), editionTag.source());

        // 3. Hotfixes: decided file by file against SP2 and the base, then integrated or run at T-13.
        Optional<HotfixDecisions> decisions = Optional.empty();
        boolean svcpackUsed = false;
        if (!hotfixes.isEmpty()) {
            HotfixPayloads payloads = start.payloads;
            List<HotfixCandidate> candidates = payloads.candidates();
            Set<String> mentioned = start.mentioned;
            // WOW64 twins of x64 hotfixes go to I386; on other media they have no place.
            java.util.function.Function<String, String> folderOf = n -> payloads.isWow(n) ? "I386" : setup;
            VersionCatalog baseVersions = start.baseVersions;
            VersionCatalog sp2Versions = sp2Versions(sp, folderOf, spCab, mentioned, files);
            HotfixDecisions ds = new HotfixDecider(options.branchPolicy(), options.allowRegressions())
                    .decide(candidates, sp2Versions, baseVersions);
            decisions = Optional.of(ds);
            {
                // Planned even when a regression blocks the build: --plan shows it all; the plan step stops the build.
                for (HotfixDecision d : ds.integrated()) {
                    Hotfix h = payloads.hotfix(d.hotfix().kb());
                    if (options.hotfixMode() == BuildOptions.HotfixMode.INTEGRATE) {
                        for (FileDecision fd : d.applied()) {
                            if (payloads.isWow(fd.name()) && arch != Architecture.AMD64) {
                                continue;
                            }
                            String folder = folderOf.apply(fd.name());
                            Path p = payloads.path(h.kb(), d.branch().orElseThrow(), fd.name());
                            FileOperation op = FilePlacement.place(folderNames.apply(folder), folder, fd.name(), false,
                                    h.label(), fd.reason());
                            files.put(key(folder, fd.name()), new PlannedFile(op, p, false, Files.size(p)));
                        }
                        for (Path cat : h.catalogs()) {
                            String catName = cat.getFileName().toString();
                            extras.put(MediaPath.of(setup + "/SVCPACK", catName), ContentSource.ofFile(cat));
                            editor.catalog(catName);
                        }
                    }
                    extras.put(MediaPath.of(setup + "/SVCPACK", h.svcpackName()), ContentSource.ofFile(h.file()));
                    String cmd = h.svcpackName() + " " + HOTFIX_SWITCHES;
                    editor.runAtT13(cmd);
                    svcpack.add(cmd);
                    svcpackUsed = true;
                }
            }
        }

        // 4. IE7, re-injected: integrated SP2 media install IE6.
        if (ie7.isPresent()) {
            extras.put(MediaPath.of(setup + "/SVCPACK", Ie7Package.SVCPACK_NAME), ContentSource.ofFile(ie7.get().file()));
            String cmd = (Ie7Package.SVCPACK_NAME + " " + options.ie7Switches()).strip();
            editor.runAtT13(cmd);
            svcpack.add(cmd);
            svcpackUsed = true;
        }
        // 4b. Addon packs: their files decided by version against SP2, the hotfixes and the base.
        List<dev.slipstream.core.engine.addon.AddonDecision> addonDecisions = List.of();
        if (!addonPacks.isEmpty()) {
            var addons = new dev.slipstream.core.engine.addon.AddonIntegration(codec, workspace, reporter)
                    .plan(addonPacks, tree, setup, editor, infs.drvindex(), files, extras, svcpack);
            addonDecisions = addons.decisions();
            svcpackUsed |= addons.usesSvcpack();
        }
        if (svcpackUsed) {
            editor.useSvcpackFolder();
        }

        // The files to compress are known now: their compression (LZX, the apply step's long pole)
        // runs in the background while the setup files are edited; the apply step collects it.
        for (PlannedFile pf : options.planOnly() ? List.<PlannedFile>of() : files.values()) {
            if (pf.needsConversion() && pf.operation().compressed()) {
                codec.compressAhead(pf.payload(), pf.operation().name().toLowerCase(Locale.ROOT));
            }
        }

        // 5. Every placed file registered in TXTSETUP, LAYOUT and DOSNET, never shadowed by a cabinet.
        List<PlannedFile> placed = new ArrayList<>();
        for (PlannedFile pf : files.values()) {
            FileOperation op = pf.operation();
            boolean nativeFolder = op.folder().equalsIgnoreCase(setup);
            String dosnetKey = editor.dosnetKeyOf(op.folder()).orElse(null);
            if (op.kind() == FileOperation.Kind.REPLACE || editor.lists(op.name())) {
                // Also a file setup already lists but that lived only in a driver cabinet.
                editor.replaced(op.name(), pf.expandedSize(), nativeFolder, dosnetKey);
            } else {
                Optional<String> disk = nativeFolder ? Optional.of(SetupInfEditor.SP_DISK) : editor.diskOf(op.folder());
                if (disk.isEmpty()) {
                    reporter.warn(op.folder() + "\\" + op.name() + " is new in " + op.source() + " but TXTSETUP.SIF declares no source disk for "
                            + op.folder() + "; it is left out");
                    continue;
                }
                editor.added(op.name(), pf.expandedSize(), disk.get(), dosnetKey);
            }
            op.removeName().ifPresent(n -> removals.add(MediaPath.of(op.folder(), n)));
            placed.add(pf);
        }

        // 6. The setup files, written back in their own form; SVCPACK.INF plain (as HFSLIP does).
        Map<MediaPath, byte[]> rewritten = new TreeMap<>();
        List<InfDiff.Line> changes = new ArrayList<>();
        for (SetupInfFiles.Loaded l : infs.all()) {
            if (!l.document().isModified() && l.location().isPresent()) {
                continue;
            }
            if (l == infs.svcpack() && !svcpackUsed) {
                continue;
            }
            changes.addAll(InfDiff.of(setup + "\\" + l.name(), l.originalText(), l.document().text()));
            byte[] bytes = l.document().toBytes();
            MediaPath plain = MediaPath.of(setup, l.name());
            if (l.compressed() && l != infs.svcpack()) {
                Path tmp = workspace.file("inf");
                Files.write(tmp, bytes);
                // Held as bytes with the plain rewritten files: this build produced them, so its check decodes them.
                rewritten.put(l.location().orElseThrow(), Files.readAllBytes(codec.compress(tmp, l.name().toLowerCase(Locale.ROOT))));
            } else {
                rewritten.put(plain, bytes);
                if (l.compressed()) {
                    removals.add(l.location().orElseThrow());
                }
            }
        }
        return new IntegrationPlan(facts, placed, extras, removals, rewritten, changes, decisions, svcpack, addonDecisions);
    }

    /**
     * The service pack's CD name in the media's language, from {@code [Strings] ServicePackName}
     * of its update.inf; the English name when the package does not say.
     */
    private static String servicePackName(ServicePack sp, String setup, InfReadOptions read) throws IOException {
        Optional<Path> dir = sp.folderFor(setup);
        if (dir.isPresent()) {
            Path inf = dir.get().resolve("update").resolve("update.inf");
            if (Files.isRegularFile(inf)) {
                Optional<String> name = InfParser.parse(inf, read).string("ServicePackName");
                if (name.isPresent() && !name.get().isBlank()) {
                    return name.get();
                }
            }
        }
        return SPCDNAME;
    }

    private static String key(String folder, String name) {
        return SetupNames.key(folder) + "/" + SetupNames.key(name);
    }

    private static Set<String> namesIn(StagedTree tree, String folder) {
        Set<String> out = new LinkedHashSet<>();
        for (StagedFile f : tree.filesIn(folder)) {
            out.add(SetupNames.key(f.path().fileName()));
        }
        return out;
    }

    private List<String> cabinetMembers(Path cab) throws IOException {
        try (CabinetReader r = CabinetReader.open(cab, 0, CabReadOptions.DEFAULTS.withFollowSet(false))) {
            List<String> out = new ArrayList<>();
            for (CabEntry e : r.entries()) {
                out.add(e.name());
            }
            return out;
        }
    }

    /** SP2's versions of the files hotfixes carry: from its loose payload, else from SP2.CAB. */
    private VersionCatalog sp2Versions(ServicePack sp, java.util.function.Function<String, String> folderOf,
            Optional<Path> spCab, Set<String> names, Map<String, PlannedFile> spFiles) throws IOException {
        VersionCatalog cat = new VersionCatalog("SP2");
        Set<String> left = new TreeSet<>(names);
        for (String n : names) {
            PlannedFile pf = spFiles.get(key(folderOf.apply(n), n));
            if (pf == null) {
                continue;
            }
            String describe = "SP2: " + pf.payload().getFileName();
            cat.put(n, pf.payloadCompressed() ? codec.versionOf(ContentSource.ofFile(pf.payload()), describe)
                    : FileVersions.of(pf.payload(), describe));
            left.remove(n);
        }
        if (spCab.isPresent() && !left.isEmpty()) {
            readFromCabinet(spCab.get(), "SP2.CAB", left, cat);
        }
        return cat;
    }

    private void readFromCabinet(Path cab, String describe, Set<String> names, VersionCatalog cat) throws IOException {
        new MediaVersions(codec, workspace).readFromCabinet(cab, describe, names, cat);
    }
}
