package dev.slipstream.core.engine;

import dev.slipstream.core.check.CheckReport;
import dev.slipstream.core.check.Finding;
import dev.slipstream.core.check.MediaChecker;
import dev.slipstream.core.check.Severity;
import dev.slipstream.core.media.ReaderCabinetAccess;
import dev.slipstream.core.error.ProblemFoundException;
import java.io.IOException;
import java.nio.file.Path;
import dev.slipstream.core.iso.ContentSource;
import dev.slipstream.core.pkg.UpdatePackage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import dev.slipstream.core.media.MediaTree;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * Step 6: runs {@code slipstream check} (the media linter) on the result and stops the build on
 * any error, before any output exists. The linter reads the staged tree where its files are (see
 * {@link #treeToCheck}); nothing is copied or linked for files that are whole files on disk.
 */
public final class CheckResultStep implements BuildStep {

    private final CheckGate gate;

    public CheckResultStep() {
        this(new CheckGate());
    }

    /** @param gate opened when the check passes, failed when it does not: outputs written meanwhile wait on it */
    public CheckResultStep(CheckGate gate) {
        this.gate = gate;
    }

    @Override
    public String id() {
        return "check";
    }

    @Override
    public String description() {
        return "Checking the result (slipstream check)";
    }

    /**
     * Every rule runs on every file; only the test of compressed files depends on where a file
     * came from. Files this build produced (recompressed replacements, rewritten compressed INFs,
     * anything not read straight from an extracted package) are decoded in full: that is where a
     * build can damage. Files copied byte for byte from an update package's extracted tree were
     * checksum-verified when the package was extracted, so their own headers, data-block bounds
     * and checksums are verified without decoding (a damaged or truncated copy still fails; an
     * inner cabinet without checksums is decoded). Unchanged base files are not opened:
     * {@code slipstream check BASE} tests them.
     */
    static Function<String, MediaChecker.CompressedTest> compressedTests(StagedTree tree, List<Path> packageTrees) {
        Map<String, MediaChecker.CompressedTest> written = new HashMap<>();
        for (StagedTree.Change c : tree.changes()) {
            if (c.kind() != StagedTree.Change.Kind.REMOVE) {
                boolean copiedFromPackage = c.file().origin() == StagedFile.Origin.PACKAGE
                        && c.file().source() instanceof ContentSource.FileRegion r && r.offset() == 0
                        && packageTrees.stream().anyMatch(root -> r.file().toAbsolutePath().normalize().startsWith(root));
                written.put(c.path().key(), copiedFromPackage ? MediaChecker.CompressedTest.CHECKSUMS : MediaChecker.CompressedTest.DECODE);
            }
        }
        return path -> written.getOrDefault(MediaPath.of(path).key(), MediaChecker.CompressedTest.SKIP);
    }

    /** The folders the update packages were extracted to (temporary space or the package cache). */
    static List<Path> packageTrees(BuildContext ctx) {
        List<Path> roots = new ArrayList<>();
        List<UpdatePackage> all = new ArrayList<>(ctx.hotfixes());
        all.add(ctx.servicePack());
        for (UpdatePackage p : all) {
            p.extracted().ifPresent(d -> roots.add(d.toAbsolutePath().normalize()));
        }
        return roots;
    }

    /**
     * The staged tree as the linter reads it. A file whose bytes are a whole file on disk (nearly
     * all: the base's files, the packages' extracted files, what apply wrote) is read where it is;
     * only the others (files inside an ISO base, for one) are written below {@code view} first.
     */
    static MediaTree treeToCheck(StagedTree tree, Path view) throws IOException {
        Map<String, Path> files = new LinkedHashMap<>();
        Set<Path> made = new HashSet<>();
        for (StagedFile f : tree.files()) {
            String rel = f.path().path();
            Path whole = TreeMaterializer.wholeFile(f.source());
            if (whole == null) {
                whole = view.resolve(rel);
                Path dir = whole.getParent();
                if (made.add(dir)) {
                    Files.createDirectories(dir);
                }
                TreeMaterializer.writeNew(f.source(), whole);
            }
            files.put(rel, whole);
        }
        return MediaTree.of(view, files);
    }

    /** The gate opens (or fails) once this step's outcome is reported, so the log shows the check's failure first. */
    @Override
    public void reported(Throwable failure) {
        gate.settle(failure);
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        Path view = ctx.workspace().root().resolve("check-view");
        CheckReport report = new MediaChecker(new ReaderCabinetAccess(), compressedTests(ctx.tree(), packageTrees(ctx)))
                .check(treeToCheck(ctx.tree(), view));
        List<Finding> errors = report.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
        for (Finding f : report.findings()) {
            if (f.severity() == Severity.WARNING) {
                reporter.warn("check: " + f.location() + ": " + f.message());
            }
        }
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Finding f : errors.subList(0, Math.min(8, errors.size()))) {
                sb.append("; ").append(f.location()).append(": ").append(f.message());
            }
            throw new ProblemFoundException("the result fails slipstream check with " + errors.size()
                    + " error(s), so nothing was written" + sb + (errors.size() > 8 ? "; ..." : ""));
        }
        if (Files.exists(view)) {
            Workspace.deleteTree(view);
        }
        reporter.summary("no errors, " + report.count(Severity.WARNING) + " warning(s)");
    }
}
