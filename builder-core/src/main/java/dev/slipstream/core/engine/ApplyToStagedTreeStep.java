package dev.slipstream.core.engine;

import java.io.IOException;

/** Step 5: carries the plan out on the staged tree, compressing and expanding files in parallel. */
public final class ApplyToStagedTreeStep implements BuildStep {

    @Override
    public String id() {
        return "apply";
    }

    @Override
    public String description() {
        return "Applying the plan to the staged tree";
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        SetupFileCodec codec = ctx.codec();
        int converted = new PlanApplier(codec, ctx.options().threads()).apply(ctx.plan(), ctx.tree(), reporter);
        ctx.convertedFiles(converted);
        reporter.summary(ctx.tree().changes().size() + " changes over " + ctx.tree().baseFileCount() + " base files; "
                + converted + " recompressed or expanded");
    }
}
