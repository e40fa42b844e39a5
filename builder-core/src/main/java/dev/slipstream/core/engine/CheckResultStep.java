package dev.slipstream.core.engine;

import dev.slipstream.core.check.CheckReport;
import dev.slipstream.core.check.Finding;
import dev.slipstream.core.check.MediaChecker;
import dev.slipstream.core.check.Severity;
import dev.slipstream.core.media.ReaderCabinetAccess;
import dev.slipstream.core.error.ProblemFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Step 6: runs {@code slipstream check} (the media linter) on the result and stops the build on
 * any error, before any output exists. The linter reads a folder, so the staged tree is laid out
 * in the workspace first, hard-linking every whole file (nearly all of them) rather than copying.
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
     * came from. Files this build produced (recompressed replacements, new cabinets) are decoded
     * in full: that is where a build can damage. Files copied byte for byte from a package were
     * already checksum-verified when the package was extracted, so their own headers, data-block
     * bounds and checksums are verified without decoding (a damaged or truncated copy still
     * fails; an inner cabinet without checksums is decoded). Unchanged base files are not opened:
     * {@code slipstream check BASE} tests them.
     */
    static Function<String, MediaChecker.CompressedTest> compressedTests(StagedTree tree) {
        Map<String, StagedFile.Origin> written = new HashMap<>();
        for (StagedTree.Change c : tree.changes()) {
            if (c.kind() != StagedTree.Change.Kind.REMOVE) {
                written.put(c.path().key(), c.file().origin());
            }
        }
        return path -> {
            StagedFile.Origin origin = written.get(MediaPath.of(path).key());
            if (origin == null || origin == StagedFile.Origin.BASE) {
                return MediaChecker.CompressedTest.SKIP;
            }
            return origin == StagedFile.Origin.PACKAGE ? MediaChecker.CompressedTest.CHECKSUMS : MediaChecker.CompressedTest.DECODE;
        };
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        try {
            check(ctx, reporter);
            gate.passed();
        } catch (IOException | RuntimeException | Error e) {
            gate.failed(e);
            throw e;
        }
    }

    private void check(BuildContext ctx, StepReporter reporter) throws IOException {
        Path view = ctx.workspace().root().resolve("check-view");
        new TreeMaterializer(true).materialize(ctx.tree(), view, StepReporter.silent(id()));
        CheckReport report = new MediaChecker(new ReaderCabinetAccess(), compressedTests(ctx.tree())).check(view);
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
        Workspace.deleteTree(view);
        reporter.summary("no errors, " + report.count(Severity.WARNING) + " warning(s)");
    }
}
