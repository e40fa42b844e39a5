package dev.slipstream.core.engine;

import dev.slipstream.core.engine.hotfix.BuiltTreeScan;
import dev.slipstream.core.engine.hotfix.ScanLogWriter;
import dev.slipstream.core.engine.hotfix.ScanReport;
import dev.slipstream.core.engine.hotfix.VersionCatalog;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.inf.layout.DrvindexInf;
import dev.slipstream.core.io.AtomicOutput;
import dev.slipstream.core.pkg.Hotfix;
import dev.slipstream.core.pkg.PackageExtractor;
import dev.slipstream.core.pkg.PackageIdentity;
import dev.slipstream.core.pkg.PackageKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code slipstream scan}: the Hotfix Scan Tool for media. Before a build it runs a build's first
 * steps up to the plan (probe, verify, extract, decide) and reports which hotfixes SP2 supersedes,
 * which are repackaged and which would regress; after a build it reads a built tree or ISO and
 * reports which fixes regressed. Either way it writes {@code <name>_log.txt}.
 */
public final class SlipstreamScan {

    private SlipstreamScan() {
    }

    /** A scan and where its log went. */
    public record Outcome(ScanReport report, Path log, String text) {
    }

    /** Before a build: the options name the base, SP2 and hotfixes, as for {@code build --plan}. */
    public static Outcome before(BuildOptions options, Path logDir, String name, boolean verbose, BuildListener listener)
            throws Exception {
        options.planOnly(true);
        try (Workspace ws = Workspace.create(options.workDir().orElse(null))) {
            BuildContext ctx = new BuildContext(options, ws);
            SlipstreamBuild.checkOutputs(options);
            try (AutoCloseable cacheEntries = ctx::releaseHeld; AutoCloseable background = ctx::closeCodec) {
                SlipstreamBuild.planFor(options).run(ctx, listener);
            }
            ScanReport r = ctx.scan().orElseThrow(() -> new IllegalArgumentException(
                    "no hotfix given to scan: pass --hotfix FILE|DIR"));
            ScanReport named = new ScanReport(name == null ? r.name() : name, r.when(), r.media(), r.servicePack(),
                    r.before(), r.after());
            return write(named, logDir, verbose);
        }
    }

    /** After a build: which of {@code hotfixes} have regressed in the built media (a folder or an ISO). */
    public static Outcome after(Path built, List<Path> hotfixes, BuildOptions options, Path logDir, String name,
            boolean verbose, BuildListener listener) throws Exception {
        try (Workspace ws = Workspace.create(options.workDir().orElse(null))) {
            StepReporter reporter = new StepReporter("scan", listener);
            BaseMedia media = BaseMedia.open(built);
            StagedTree tree = StagedTree.over(media.files());
            SetupFileCodec codec = new SetupFileCodec(ws, Instant.EPOCH);
            MediaFacts facts = BaseMediaProbe.probe(tree, built.toString(), codec);
            List<Hotfix> packages = new ArrayList<>();
            for (Path p : VerifyPackagesStep.hotfixFiles(hotfixes)) {
                PackageIdentity id = PackageIdentity.fromFileName(p.getFileName().toString())
                        .filter(i -> i.kind() == PackageKind.HOTFIX)
                        .orElseThrow(() -> new IllegalArgumentException(p + " is not named like a hotfix package"
                                + " (WindowsServer2003-KBnnnnnn-<arch>-<lang>.exe)"));
                Hotfix h = new Hotfix(p, id);
                Path dest = ws.folder(h.label());
                h.extractedTo(PackageExtractor.extractInto(p, dest, options.threads(), reporter::advance));
                packages.add(h);
            }
            if (packages.isEmpty()) {
                throw new IllegalArgumentException("no hotfix given to scan for: pass --hotfix FILE|DIR");
            }
            HotfixPayloads payloads = HotfixPayloads.read(packages);
            String setup = facts.architecture().folder();
            InfReadOptions read = facts.language().map(l -> InfReadOptions.withAnsi(l.ansiCharset())).orElse(InfReadOptions.defaults());
            Optional<StagedFile> drv = tree.get(MediaPath.of(setup, "DRVINDEX.INF"));
            DrvindexInf drvindex = drv.isEmpty() ? null : new DrvindexInf(BaseMediaProbe.read(tree, drv.get().path(), read));
            VersionCatalog versions = new MediaVersions(codec, ws).of(tree, setup, drvindex, payloads.names(), "the built media");
            List<BuiltTreeScan.Result> results = new BuiltTreeScan(options.branchPolicy()).scan(payloads.candidates(), versions);
            String n = name != null ? name : stem(built);
            ScanReport r = ScanReport.afterBuild(n, options.timestamp().orElse(Instant.now()), facts.describe() + " (" + built + ")", results);
            return write(r, logDir, verbose);
        }
    }

    private static Outcome write(ScanReport r, Path logDir, boolean verbose) throws IOException {
        String text = new ScanLogWriter(verbose).render(r);
        Path log = logDir.resolve(r.logFileName());
        try (AtomicOutput out = AtomicOutput.create(log)) {
            out.stream().write(text.getBytes(StandardCharsets.UTF_8));
            OutputPermissions.publish(out.tempFile());
            out.commit();
        }
        return new Outcome(r, log, text);
    }

    private static String stem(Path p) {
        String n = p.toAbsolutePath().normalize().getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
