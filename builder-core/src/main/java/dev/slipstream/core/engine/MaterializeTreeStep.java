package dev.slipstream.core.engine;

import java.io.IOException;
import java.nio.file.Path;

/** Step 7 (or 8): writes the staged tree out as a folder, atomically, for installs from a share. */
public final class MaterializeTreeStep implements BuildStep {

    @Override
    public String id() {
        return "write-tree";
    }

    @Override
    public String description() {
        return "Writing the output tree";
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        Path target = ctx.options().outTree().orElseThrow();
        int linked = new TreeMaterializer(ctx.options().hardLinks()).materialize(ctx.tree(), target, reporter);
        ctx.output(target);
        reporter.summary(target + ": " + ctx.tree().files().size() + " files, " + linked + " hard-linked");
    }
}
