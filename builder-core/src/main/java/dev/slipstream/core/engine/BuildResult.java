package dev.slipstream.core.engine;

import dev.slipstream.core.engine.hotfix.ScanReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a build did: the plan it carried out (or only made, with {@code --plan}), the outputs it
 * wrote, the pre-build scan and its log, and every change to the staged tree.
 */
public record BuildResult(MediaFacts media, IntegrationPlan plan, List<StagedTree.Change> changes, List<Path> outputs,
        Optional<ScanReport> scan, Optional<Path> scanLog, boolean planOnly) {

    static BuildResult of(BuildContext ctx) {
        return new BuildResult(ctx.facts(), ctx.plan(), ctx.options().planOnly() ? List.of() : ctx.tree().changes(),
                ctx.outputs(), ctx.scan(), ctx.scanLog(), ctx.options().planOnly());
    }
}
