package dev.slipstream.core.engine;

import dev.slipstream.core.check.CheckReport;
import dev.slipstream.core.check.Finding;
import dev.slipstream.core.check.MediaChecker;
import dev.slipstream.core.check.Severity;
import dev.slipstream.core.media.ReaderCabinetAccess;
import dev.slipstream.core.error.ProblemFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 6: runs {@code slipstream check} (the media linter) on the result and stops the build on
 * any error, before any output exists. The linter reads a folder, so the staged tree is laid out
 * in the workspace first, hard-linking every whole file (nearly all of them) rather than copying.
 */
public final class CheckResultStep implements BuildStep {

    @Override
    public String id() {
        return "check";
    }

    @Override
    public String description() {
        return "Checking the result (slipstream check)";
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        Path view = ctx.workspace().root().resolve("check-view");
        new TreeMaterializer(true).materialize(ctx.tree(), view, StepReporter.silent(id()));
        // Every rule runs on every file; only the decompression test is limited to what this build
        // wrote (recompressed replacements, new files, SP2.CAB), which is where a build can damage.
        Set<String> written = new HashSet<>();
        for (StagedTree.Change c : ctx.tree().changes()) {
            if (c.kind() != StagedTree.Change.Kind.REMOVE) {
                written.add(c.path().key());
            }
        }
        CheckReport report = new MediaChecker(new ReaderCabinetAccess(),
                path -> written.contains(MediaPath.of(path).key())).check(view);
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
