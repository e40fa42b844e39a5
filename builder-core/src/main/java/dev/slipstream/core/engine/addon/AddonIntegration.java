package dev.slipstream.core.engine.addon;

import dev.slipstream.core.engine.FileOperation;
import dev.slipstream.core.engine.FilePlacement;
import dev.slipstream.core.engine.FileVersions;
import dev.slipstream.core.engine.MediaPath;
import dev.slipstream.core.engine.MediaVersions;
import dev.slipstream.core.engine.PlannedFile;
import dev.slipstream.core.engine.SetupFileCodec;
import dev.slipstream.core.engine.SetupInfEditor;
import dev.slipstream.core.engine.SetupNames;
import dev.slipstream.core.engine.StagedFile;
import dev.slipstream.core.engine.StagedTree;
import dev.slipstream.core.engine.StepReporter;
import dev.slipstream.core.engine.Workspace;
import dev.slipstream.core.engine.hotfix.VersionCatalog;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.inf.layout.DrvindexInf;
import dev.slipstream.core.inf.layout.SourceDisksFile;
import dev.slipstream.core.iso.ContentSource;
import dev.slipstream.core.pe.FileVersion;
import dev.slipstream.core.pkg.addon.AddonManifest;
import dev.slipstream.core.pkg.addon.AddonPack;
import dev.slipstream.core.pkg.addon.MemberNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans what the addon packs change, into the integration plan the SP2 and hotfix files are
 * already in: each file of a pack for the setup folder is decided by its VS_FIXEDFILEINFO version
 * against whoever else supplies that name (SP2, a hotfix, an earlier pack, the base media), as
 * hotfixes are; new files take their pack's {@code [txtsetup_files]} record and are stored
 * compressed (LZX:21) as nLite stores addon files; {@code svcpack\} files go to the SVCPACK
 * folder and the pack's SVCPACK.INF commands run at T-13. docs/addon-format.md has the rules.
 */
public final class AddonIntegration {

    /**
     * svcpack.dll copies the CD's {@code \I386\svcpack\} and a [SetupHotfixesToRun] line into a
     * 130-character buffer, so a longer line is cut off at T-13 (xdqi/nt5-hvgen2, nlite.rs).
     */
    static final int MAX_COMMAND_LENGTH = 100;

    /** Setup files a pack may not replace: the build writes them itself. */
    private static final Set<String> SETUP_FILES = Set.of("TXTSETUP.SIF", "DOSNET.INF", "LAYOUT.INF", "DRVINDEX.INF",
            "SVCPACK.INF");

    /** The result: every decision, and whether anything went to SVCPACK. */
    public record Result(List<AddonDecision> decisions, boolean usesSvcpack) {
    }

    private final SetupFileCodec codec;
    private final Workspace workspace;
    private final StepReporter reporter;

    public AddonIntegration(SetupFileCodec codec, Workspace workspace, StepReporter reporter) {
        this.codec = codec;
        this.workspace = workspace;
        this.reporter = reporter;
    }

    /**
     * @param files the planned SP2 and hotfix files by {@code FOLDER/NAME} key (upper case); the
     *     packs' files join them
     * @param extras whole files placed as they are; the packs' SVCPACK files join them
     * @param svcpack the commands run at T-13; the packs' commands are appended
     */
    public Result plan(List<AddonPack> packs, StagedTree tree, String setup, SetupInfEditor editor, DrvindexInf drvindex,
            Map<String, PlannedFile> files, Map<MediaPath, ContentSource> extras, List<String> svcpack) throws IOException {
        List<AddonDecision> out = new ArrayList<>();
        Set<String> folderNames = new LinkedHashSet<>();
        for (StagedFile f : tree.filesIn(setup)) {
            folderNames.add(SetupNames.key(f.path().fileName()));
        }
        // The base's versions of every name a pack carries, read once (loose, compressed or in a driver cabinet).
        Set<String> carried = new TreeSet<>();
        packs.forEach(p -> carried.addAll(p.setupFiles().keySet()));
        VersionCatalog base = new MediaVersions(codec, workspace).of(tree, setup, drvindex, carried, "the base media");
        boolean svcpackUsed = false;
        for (AddonPack pack : packs) {
            checkLines(pack);
            for (AddonPack.SetupFile f : pack.setupFiles().values()) {
                decide(pack, f, setup, editor, folderNames, base, files, out);
            }
            svcpackUsed |= svcpack(pack, setup, editor, extras, svcpack, out);
        }
        return new Result(List.copyOf(out), svcpackUsed);
    }

    private void decide(AddonPack pack, AddonPack.SetupFile f, String setup, SetupInfEditor editor, Set<String> folderNames,
            VersionCatalog base, Map<String, PlannedFile> files, List<AddonDecision> out) throws IOException {
        String name = f.name().toLowerCase(Locale.ROOT); // as the setup files and SP2's new files spell names
        String describe = pack.file() + ": " + f.member();
        if (!MemberNames.isShortName(name)) {
            throw BadInputException.in(describe)
                    .hint("setup copies files from the CD by MS-DOS 8.3 names: rename it (e.g. LONGNA~1.DLL) and give the long"
                            + " name in field 11 of its [txtsetup_files] line")
                    .problem("%s is not an 8.3 name", name);
        }
        if (SETUP_FILES.contains(SetupNames.key(name))) {
            throw BadInputException.in(describe).hint("remove it from the pack: the build keeps the setup files consistent itself")
                    .problem("would replace the media's %s", name);
        }
        String key = SetupNames.key(setup) + "/" + SetupNames.key(name);
        long size = Files.size(f.plain());
        Optional<FileVersion> mine = FileVersions.of(f.plain(), describe);
        Optional<AddonManifest.TxtsetupLine> line = pack.manifest().txtsetupLine(name);
        PlannedFile other = files.get(key);
        if (other != null) {
            // SP2, a hotfix or an earlier pack supplies the same file: the newer version wins, as among hotfixes.
            FileOperation op = other.operation();
            Path theirs = other.payloadCompressed() ? codec.expand(ContentSource.ofFile(other.payload())).file() : other.payload();
            Optional<FileVersion> their = FileVersions.of(theirs, op.source() + ": " + op.name());
            if (mine.isEmpty() || their.isEmpty()) {
                if (Arrays.equals(Files.readAllBytes(theirs), Files.readAllBytes(f.plain()))) {
                    out.add(new AddonDecision(pack.label(), AddonDecision.Action.KEEP_OTHER, name, op.mediaPath().toWindows(),
                            "the same bytes as " + op.source() + "'s"));
                    return;
                }
                throw BadInputException.in(describe)
                        .hint("remove " + name + " from the pack, or give it a version resource: without versions there is no newer one")
                        .problem("%s also supplies %s and %s no version to decide by", op.source(), name,
                                mine.isEmpty() ? "the pack's copy has" : op.source() + "'s copy has");
            }
            if (mine.get().compareTo(their.get()) > 0) {
                FileOperation mineOp = new FileOperation(op.kind(), op.folder(), op.name(), op.mediaName(), op.compressed(),
                        op.removeName(), pack.label(), mine.get() + ", newer than " + op.source() + "'s " + their.get());
                files.put(key, new PlannedFile(mineOp, f.plain(), false, size));
                out.add(new AddonDecision(pack.label(), AddonDecision.Action.REPLACE, name, mineOp.mediaPath().toWindows(),
                        mineOp.reason()));
            } else {
                out.add(new AddonDecision(pack.label(), AddonDecision.Action.KEEP_OTHER, name, op.mediaPath().toWindows(),
                        op.source() + "'s " + their.get() + " is " + (mine.get().equals(their.get()) ? "the same version" : "newer than " + mine.get())));
            }
            return;
        }
        boolean onMedia = folderNames.contains(SetupNames.key(name)) || folderNames.contains(SetupNames.key(SetupNames.compressed(name)))
                || editor.lists(name) || editor.driverCabinetOf(name).isPresent();
        if (onMedia) {
            Optional<FileVersion> theirs = base.version(name);
            if (mine.isPresent() && theirs.isPresent() && theirs.get().compareTo(mine.get()) >= 0) {
                out.add(new AddonDecision(pack.label(), AddonDecision.Action.KEEP_OTHER, name, setup + "\\" + name,
                        "the base media's " + theirs.get() + " is " + (theirs.get().equals(mine.get()) ? "the same version" : "newer than " + mine.get())));
                return;
            }
            String why = mine.isPresent() && theirs.isPresent() ? mine.get() + ", newer than the base media's " + theirs.get()
                    : "replaces the base media's copy (" + (mine.isEmpty() ? "the pack's" : "the base's") + " has no version to compare)";
            if (line.isPresent() && editor.lists(name)) {
                why += "; TXTSETUP's own record of it is kept";
            } else if (line.isPresent()) {
                editor.addedAs(record(line.get()), size);
            }
            FileOperation op = FilePlacement.place(folderNames, setup, name, true, pack.label(), why);
            files.put(key, new PlannedFile(op, f.plain(), false, size));
            out.add(new AddonDecision(pack.label(), AddonDecision.Action.REPLACE, name, op.mediaPath().toWindows(), why));
            return;
        }
        if (line.isEmpty()) {
            String why = "neither on the media nor in [txtsetup_files], so setup would never install it";
            reporter.warn(pack.label() + ": " + name + " is " + why + "; it is left out");
            out.add(new AddonDecision(pack.label(), AddonDecision.Action.LEFT_OUT, name, "", why));
            return;
        }
        editor.addedAs(record(line.get()), size);
        String why = "new, " + pack.manifest().entriesName() + " line " + line.get().line();
        FileOperation op = FilePlacement.place(folderNames, setup, name, true, pack.label(), why);
        files.put(key, new PlannedFile(op, f.plain(), false, size));
        out.add(new AddonDecision(pack.label(), AddonDecision.Action.ADD, name, op.mediaPath().toWindows(), why));
    }

    /** The pack's record under the lower-case name new records get. */
    private static SourceDisksFile record(AddonManifest.TxtsetupLine line) {
        SourceDisksFile r = line.record();
        return SourceDisksFile.fromFields(r.name().toLowerCase(Locale.ROOT), r.fields());
    }

    /** Every [txtsetup_files] and [dosnet_files] line names a file the pack carries, in d1. */
    private static void checkLines(AddonPack pack) throws BadInputException {
        String source = pack.file() + ": " + pack.manifest().entriesName();
        for (AddonManifest.TxtsetupLine t : pack.manifest().txtsetup()) {
            if (pack.setupFile(t.record().name()).isEmpty()) {
                throw BadInputException.in(source).atLine(t.line()).hint("add the file to the pack's root, or remove the line")
                        .problem("[txtsetup_files] lists %s, which the pack does not carry", t.record().name());
            }
        }
        for (AddonManifest.DosnetLine d : pack.manifest().dosnet()) {
            if (!d.directoryKey().equalsIgnoreCase("d1")) {
                throw BadInputException.in(source).atLine(d.line())
                        .hint("addon files live in the setup folder itself, which DOSNET calls d1")
                        .problem("[dosnet_files] puts %s in directory %s", d.name(), d.directoryKey());
            }
            if (pack.setupFile(d.name()).isEmpty()) {
                throw BadInputException.in(source).atLine(d.line()).hint("add the file to the pack's root, or remove the line")
                        .problem("[dosnet_files] lists %s, which the pack does not carry", d.name());
            }
        }
    }

    private static boolean svcpack(AddonPack pack, String setup, SetupInfEditor editor, Map<MediaPath, ContentSource> extras,
            List<String> svcpack, List<AddonDecision> out) throws BadInputException {
        String folder = setup + "/SVCPACK";
        for (Map.Entry<String, Path> e : pack.svcpackFiles().entrySet()) {
            String name = e.getKey();
            String describe = pack.file() + ": svcpack/" + name;
            if (!MemberNames.isShortName(name)) {
                throw BadInputException.in(describe).hint("svcpack.dll runs programs by 8.3 names: rename it")
                        .problem("%s is not an 8.3 name", name);
            }
            MediaPath target = MediaPath.of(folder, name);
            if (extras.containsKey(target)) {
                throw BadInputException.in(describe).hint("rename it in the pack and in its SVCPACK.INF")
                        .problem("%s is already in SVCPACK (a hotfix, IE7 or another pack put it there)", target.toWindows());
            }
            extras.put(target, ContentSource.ofFile(e.getValue()));
            out.add(new AddonDecision(pack.label(), AddonDecision.Action.SVCPACK, name, target.toWindows(), "from svcpack\\"));
        }
        for (String cmd : pack.svcpackCommands()) {
            String program = cmd.strip().split("\\s+", 2)[0].replace("\"", "");
            if (!pack.svcpackFiles().containsKey(program.toUpperCase(Locale.ROOT))) {
                throw BadInputException.in(pack.file() + ": SVCPACK.INF")
                        .hint("put " + program + " in the pack's svcpack\\ folder")
                        .problem("[SetupHotfixesToRun] runs %s, which the pack does not carry", program);
            }
            if (cmd.length() > MAX_COMMAND_LENGTH) {
                throw BadInputException.in(pack.file() + ": SVCPACK.INF").hint("shorten the command line")
                        .problem("[SetupHotfixesToRun] '%s' is %d characters; svcpack.dll cuts lines after %d", cmd, cmd.length(),
                                MAX_COMMAND_LENGTH);
            }
            editor.runAtT13(cmd);
            svcpack.add(cmd);
            out.add(new AddonDecision(pack.label(), AddonDecision.Action.RUN, cmd, MediaPath.of(folder, program).toWindows(),
                    "[SetupHotfixesToRun] of the pack's SVCPACK.INF"));
        }
        for (String cat : pack.catalogs()) {
            if (!pack.svcpackFiles().containsKey(cat.toUpperCase(Locale.ROOT))) {
                throw BadInputException.in(pack.file() + ": SVCPACK.INF").hint("put " + cat + " in the pack's svcpack\\ folder")
                        .problem("[ProductCatalogsToInstall] names %s, which the pack does not carry", cat);
            }
            editor.catalog(cat);
            out.add(new AddonDecision(pack.label(), AddonDecision.Action.CATALOG, cat, MediaPath.of(folder, cat).toWindows(),
                    "[ProductCatalogsToInstall] of the pack's SVCPACK.INF"));
        }
        return !pack.svcpackFiles().isEmpty();
    }
}
