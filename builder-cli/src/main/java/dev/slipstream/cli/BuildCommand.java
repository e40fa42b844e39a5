package dev.slipstream.cli;

import dev.slipstream.core.authenticode.AuthenticodeResult;
import dev.slipstream.core.engine.BuildOptions;
import dev.slipstream.core.engine.BuildResult;
import dev.slipstream.core.engine.FileOperation;
import dev.slipstream.core.engine.InfDiff;
import dev.slipstream.core.engine.IntegrationPlan;
import dev.slipstream.core.engine.MediaPath;
import dev.slipstream.core.engine.PlannedFile;
import dev.slipstream.core.engine.SlipstreamBuild;
import dev.slipstream.core.engine.addon.AddonDecision;
import dev.slipstream.core.engine.hotfix.FileDecision;
import dev.slipstream.core.engine.hotfix.HotfixDecision;
import dev.slipstream.core.io.SourceDateEpoch;
import dev.slipstream.core.cache.PackageCache;
import dev.slipstream.core.profile.BuildProfile;
import dev.slipstream.core.profile.BuildProfileReader;
import dev.slipstream.core.report.BuildInputs;
import dev.slipstream.core.report.BuildReport;
import dev.slipstream.core.report.Depfile;
import dev.slipstream.core.pkg.Branch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slipstream build}: parses the options, runs the engine, renders its events and result. */
@Command(name = "build", header = "Builds install media with Service Pack 2, hotfixes and IE7 slipstreamed.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Builds Windows Server 2003 install media with Service Pack 2, hotfixes and IE7 slipstreamed.",
            "",
            "Reads the base media (a folder or the ISO itself, never modified), checks every package",
            "against the media (architecture, language, catalog hashes, Authenticode signature) before",
            "any work, integrates SP2 into the setup folder keeping each file's form, decides the hotfixes",
            "file by file by version,",
            "re-injects IE7 through SVCPACK, applies RyanVM/nLite addon packs (docs/addon-format.md),",
            "rewrites TXTSETUP/DOSNET/LAYOUT/DRVINDEX/SVCPACK with minimal",
            "diffs, checks the result and writes the ISO and/or a tree, atomically."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slipstream build --base W2K3_STD_ENU.iso --sp2 WindowsServer2003-KB914961-SP2-x86-ENU.exe \\",
            "      --hotfix hotfixes/ --ie7 IE7-WindowsServer2003-x86-enu.exe --out W2K3_SP2_ENU.iso",
            "  slipstream build --base cd/ --sp2 SP2.exe --plan             (print every change, write nothing)",
            "  slipstream build --base cd/ --sp2 SP2.exe --addon tools-x86-ENU.7z --out sp2.iso   (a RyanVM-style addon pack)",
            "  slipstream build --base cd/ --sp2 SP2.exe --trust our-ca.pem --out sp2.iso   (packages re-signed in-house)",
            "  slipstream build --base cd/ --sp2 SP2.exe --out-tree \\\\server\\w2k3sp2   (for winnt32 installs)",
            "  slipstream build --profile std-x86-ENU.ini --out out/std.iso --depfile out/std.d --report out/std.json",
            "                                        (one image per INI file: docs/profiles.md; factories: scripts/factory)",
            "",
            "Exit codes: 0 built, 1 a hotfix would regress or the result failed its check, 2 usage,",
            "3 bad input (wrong architecture or language, corrupt, unsigned or badly signed package, addon",
            "section slipstream cannot apply,",
            "modified media), 4 I/O. See docs/cli.md."
        })
final class BuildCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--profile", paramLabel = "INI", description = "A build profile (one image: media, packages, options, outputs);"
            + " options given here override it. See docs/profiles.md.")
    Path profile;

    @Option(names = "--base", paramLabel = "DIR|ISO", description = "The base media: a folder or an ISO image.")
    Path base;

    @Option(names = "--sp2", paramLabel = "EXE", description = "The SP2 package (KB914961) for the media's architecture and language.")
    Path sp2;

    @Option(names = "--hotfix", paramLabel = "EXE|DIR", description = "A hotfix package, or a folder of them (repeatable).")
    List<Path> hotfixes = new ArrayList<>();

    @Option(names = "--ie7", paramLabel = "EXE", description = "The IE7 package, run at T-13 from SVCPACK.")
    Path ie7;

    @Option(names = "--addon", paramLabel = "7Z|CAB", description = "A RyanVM/nLite addon pack (.7z or .cab holding entries.ini),"
            + " checked against the media's architecture and language before any work (repeatable; docs/addon-format.md).")
    List<Path> addons = new ArrayList<>();

    @Option(names = "--ie7-switches", paramLabel = "ARGS",
            description = "IE7's switches in SVCPACK.INF (default: " + BuildOptions.DEFAULT_IE7_SWITCHES + ").")
    String ie7Switches;

    @Option(names = "--branch", paramLabel = "qfe|gdr",
            description = "Hotfix branch preference: qfe (SP2QFE > SP2GDR > RTMQFE > RTMGDR, default) or gdr.")
    Branch.Policy branch;

    @Option(names = "--hotfix-mode", paramLabel = "integrate|svcpack",
            description = "integrate: slipstream the winning files and register the package at T-13 (default);"
                    + " svcpack: only run the packages at T-13.")
    BuildOptions.HotfixMode hotfixMode;

    @Option(names = "--allow-regressions", description = "Build even if SP2 would regress a hotfix (its fix is lost), like the scan tool's /d.")
    boolean allowRegressions;

    @Option(names = "--force", description = "Build from media that are already slipstreamed or modified by nLite/HFSLIP.")
    boolean force;

    @Option(names = {"--out", "-o"}, paramLabel = "ISO", description = "The ISO image to write.")
    Path out;

    @Option(names = "--out-tree", paramLabel = "DIR", description = "A folder to write the media to (must not exist or be empty).")
    Path outTree;

    @Option(names = "--no-hardlinks", description = "Copy unchanged files into --out-tree instead of hard-linking them.")
    boolean noHardLinks;

    @Option(names = "--plan", description = "Print every change (files, INF lines, hotfix decisions, SVCPACK) and write nothing.")
    boolean plan;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Verify packages against this catalog instead of the built-in one.")
    Path catalog;

    @Option(names = "--trust", paramLabel = "FILE.pem", description = "Also trust these root certificates for package signatures (repeatable).")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--allow-unsigned", description = "Use packages without a valid Authenticode signature (one warning each) instead of refusing them.")
    boolean allowUnsigned;

    @Option(names = "--volume-id", paramLabel = "LABEL", description = "Volume label (default: the base's).")
    String volumeId;

    @Option(names = "--volume-set", paramLabel = "TEXT", description = "Volume set id (default: the base's).")
    String volumeSet;

    @Option(names = "--publisher", paramLabel = "TEXT", description = "Publisher id (default: the base's).")
    String publisher;

    @Option(names = "--preparer", paramLabel = "TEXT", description = "Data preparer id (default: the base's).")
    String preparer;

    @Option(names = "--application", paramLabel = "TEXT", description = "Application id (default: the base's).")
    String application;

    @Option(names = "--boot-image", paramLabel = "FILE", description = "El Torito boot image (default: the base's).")
    Path bootImage;

    @Option(names = "--scan-log-dir", paramLabel = "DIR", description = "Where the hotfix scan log goes (default: beside the output).")
    Path scanLogDir;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Temporary space (default: the system's); always cleaned.")
    Path workDir;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for extracting and compressing (default: all cores).")
    Integer threads;

    @Option(names = "--depfile", paramLabel = "FILE", description = "Write a Make rule: the outputs depend on every input the build read.")
    Path depfile;

    @Option(names = "--report", paramLabel = "JSON", description = "Write a JSON report: inputs and outputs with hashes, every file"
            + " replaced or added, every hotfix decision with its reason (docs/profiles.md#report).")
    Path report;

    @Option(names = "--cache", paramLabel = "DIR", description = "The shared package cache (default: $SLIPSTREAM_CACHE, else"
            + " ~/.cache/slipstream): packages are extracted once, by SHA-256, and reused by every build.")
    Path cache;

    @Option(names = "--no-cache", description = "Extract the packages into the build's temporary space instead of the cache.")
    boolean noCache;

    @Option(names = {"-q", "--quiet"}, description = "Print warnings and errors only.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Also print each step as it starts, with the bytes it expects.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        BuildProfile prof = profile == null ? null : BuildProfileReader.read(profile);
        BuildOptions o = prof == null ? new BuildOptions() : prof.toOptions();
        // The command line overrides the profile option by option; lists (--hotfix) replace the profile's.
        if (base != null) {
            o.base(base);
        }
        if (sp2 != null) {
            o.servicePack(sp2);
        }
        if (!hotfixes.isEmpty()) {
            o.hotfixes().clear();
            hotfixes.forEach(o::addHotfix);
        }
        if (ie7 != null) {
            o.ie7(ie7);
        }
        if (!addons.isEmpty()) {
            o.addons().clear();
            addons.forEach(o::addAddon);
        }
        if (ie7Switches != null) {
            o.ie7Switches(ie7Switches);
        }
        if (branch != null) {
            o.branchPolicy(branch);
        }
        if (hotfixMode != null) {
            o.hotfixMode(hotfixMode);
        }
        if (allowRegressions) {
            o.allowRegressions(true);
        }
        if (force) {
            o.force(true);
        }
        if (out != null) {
            o.outIso(out);
        }
        if (outTree != null) {
            o.outTree(outTree);
        }
        if (noHardLinks) {
            o.hardLinks(false);
        }
        o.planOnly(plan);
        if (catalog != null) {
            o.catalog(catalog);
        }
        if (bootImage != null) {
            o.bootImage(bootImage);
        }
        if (scanLogDir != null) {
            o.scanLogDir(scanLogDir);
        }
        if (workDir != null) {
            o.workDir(workDir);
        }
        if (allowUnsigned) {
            o.allowUnsigned(true);
        }
        trust.forEach(o::addTrustFile);
        if (threads != null) {
            o.threads(threads);
        }
        SourceDateEpoch.fromEnvironment().ifPresent(o::timestamp);
        volume(o, "volume", volumeId);
        volume(o, "volumeset", volumeSet);
        volume(o, "publisher", publisher);
        volume(o, "preparer", preparer);
        volume(o, "application", application);
        if (o.base() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no base media: pass --base DIR|ISO, or base = in the [media] section of a --profile");
        }
        if (o.servicePack().isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no service pack: pass --sp2 EXE, or sp2 = in the [packages] section of a --profile");
        }
        Path dep = depfile != null ? depfile : prof == null ? null : prof.depfile().orElse(null);
        Path rep = report != null ? report : prof == null ? null : prof.report().orElse(null);
        PrintWriter err = spec.commandLine().getErr();
        if (!noCache) {
            Path chosen = cache != null ? cache : prof != null ? prof.cache().orElse(null) : null;
            if (chosen != null) {
                o.packageCache(PackageCache.open(chosen));
            } else {
                // The default location is a convenience: a read-only home must not fail the build.
                Path dir = PackageCache.defaultLocation();
                try {
                    o.packageCache(PackageCache.open(dir));
                } catch (java.io.IOException | RuntimeException e) {
                    err.println("slipstream: warning: cannot use the package cache " + dir + " (" + e.getMessage()
                            + "); extracting into temporary space. Set SLIPSTREAM_CACHE or pass --cache DIR.");
                }
            }
        }
        PrintWriter outw = spec.commandLine().getOut();
        BuildResult r = SlipstreamBuild.run(o, new BuildEventPrinter(err, BuildEventPrinter.stderrIsTerminal(), quiet, verbose));
        if ((rep != null || dep != null) && !plan) {
            // Only for these two: listing the inputs walks the whole base folder again.
            BuildInputs inputs = BuildInputs.of(o, prof == null ? null : prof.source());
            if (rep != null) {
                BuildReport.write(rep, o, inputs, r);
            }
            if (dep != null) {
                Depfile.write(dep, Stream.of(o.outIso(), o.outTree()).flatMap(java.util.Optional::stream).toList(), inputs.files());
            }
        }
        if (plan) {
            printSignatures(outw, r.signatures());
            printPlan(outw, r.plan());
        } else {
            printSummary(outw, r);
        }
        outw.flush();
        return ExitCode.OK;
    }

    private static void volume(BuildOptions o, String key, String value) {
        if (value != null) {
            o.volumeOverrides().put(key, value);
        }
    }

    static void printSignatures(PrintWriter out, List<AuthenticodeResult> signatures) {
        out.println("Package signatures (Authenticode):");
        for (AuthenticodeResult s : signatures) {
            out.println("  " + Path.of(s.file()).getFileName() + "  " + s.summary()
                    + (s.isValid() ? "  (signer: " + s.signer() + ")" : ""));
        }
        out.println();
    }

    static void printPlan(PrintWriter out, IntegrationPlan p) {
        out.println("Media: " + p.media().describe());
        out.println();
        out.println("Files (" + p.replacedCount() + " replaced, " + p.addedCount() + " added):");
        for (PlannedFile f : p.files()) {
            FileOperation op = f.operation();
            out.println("  " + (op.kind() == FileOperation.Kind.REPLACE ? "replace " : "add     ")
                    + op.mediaPath().toWindows() + (f.needsConversion() ? (op.compressed() ? "  (compress LZX:21)" : "  (expand)") : "")
                    + "  <- " + op.source() + op.removeName().map(n -> "  (remove " + n + ")").orElse(""));
        }
        out.println();
        out.println("Other files:");
        for (MediaPath m : p.extras().keySet()) {
            out.println("  put     " + m.toWindows());
        }
        for (MediaPath m : p.removals()) {
            out.println("  remove  " + m.toWindows());
        }
        for (MediaPath m : p.infs().keySet()) {
            out.println("  rewrite " + m.toWindows());
        }
        out.println();
        out.println("INF lines (" + p.infChanges().size() + "):");
        for (InfDiff.Line l : p.infChanges()) {
            out.println("  " + l);
        }
        p.hotfixes().ifPresent(d -> {
            out.println();
            out.println("Hotfix decisions" + (d.blocked() ? " (a regression BLOCKS this build; --allow-regressions builds"
                    + " without the regressing hotfixes):" : ":"));
            for (HotfixDecision h : d.decisions()) {
                out.println("  " + h.hotfix().label() + "  " + h.outcome().name().toLowerCase(Locale.ROOT)
                        + h.branch().map(b -> " (" + b + ")").orElse("") + ": " + h.reason());
                for (FileDecision f : h.files()) {
                    out.println("      " + f.action().name().toLowerCase(Locale.ROOT) + " " + f.name()
                            + f.version().map(v -> " " + v).orElse("") + ": " + f.reason());
                }
            }
        });
        if (!p.addons().isEmpty()) {
            out.println();
            out.println("Addon packs:");
            String pack = null;
            for (AddonDecision a : p.addons()) {
                if (!a.pack().equals(pack)) {
                    pack = a.pack();
                    out.println("  " + pack);
                }
                out.println("      " + a.action().name().toLowerCase(Locale.ROOT).replace('_', '-') + " " + a.file()
                        + (a.target().isEmpty() ? "" : " -> " + a.target()) + ": " + a.reason());
            }
        }
        out.println();
        out.println("SVCPACK.INF [SetupHotfixesToRun]:");
        if (p.svcpack().isEmpty()) {
            out.println("  (none)");
        }
        p.svcpack().forEach(c -> out.println("  " + c));
    }

    private static void printSummary(PrintWriter out, BuildResult r) {
        out.println("Built " + r.media().describe() + " with SP2: " + r.plan().replacedCount() + " files replaced, "
                + r.plan().addedCount() + " added, " + r.plan().infChanges().size() + " INF lines changed.");
        r.plan().hotfixes().ifPresent(d -> out.println("Hotfixes: " + d.integrated().size() + " integrated, "
                + d.with(HotfixDecision.Outcome.SUPERSEDED).size() + " superseded, " + d.regressions().size()
                + " regressed (allowed)"));
        if (!r.plan().addons().isEmpty()) {
            long used = r.plan().addons().stream().filter(a -> a.action() == AddonDecision.Action.ADD
                    || a.action() == AddonDecision.Action.REPLACE || a.action() == AddonDecision.Action.SVCPACK).count();
            out.println("Addon packs: " + r.plan().addons().stream().map(AddonDecision::pack).distinct().count() + " applied, "
                    + used + " file(s) placed");
        }
        if (!r.plan().svcpack().isEmpty()) {
            out.println("Run at T-13: " + String.join("; ", r.plan().svcpack()));
        }
        r.scanLog().ifPresent(l -> out.println("Hotfix scan log: " + l));
        for (Path p : r.outputs()) {
            out.println("Output: " + p);
        }
    }
}
