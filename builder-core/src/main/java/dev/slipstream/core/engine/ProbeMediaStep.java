package dev.slipstream.core.engine;

import dev.slipstream.core.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;

/**
 * Step 1: opens the base media (folder or ISO) as the base of the staged tree, finds out what
 * they are, and refuses media another tool has modified unless {@code --force}: re-processing a
 * modified source is how nLite and HFSLIP users corrupt their media (format-notes §7.9).
 */
public final class ProbeMediaStep implements BuildStep {

    @Override
    public String id() {
        return "probe-media";
    }

    @Override
    public String description() {
        return "Reading and probing the base media";
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        BuildOptions o = ctx.options();
        BaseMedia base = BaseMedia.open(o.base());
        StagedTree tree;
        try {
            tree = StagedTree.over(base.files());
        } catch (IllegalArgumentException e) {
            throw BadInputException.in(o.base()).hint("remove one of the two files").problem(e.getMessage());
        }
        MediaFacts facts = BaseMediaProbe.probe(tree, o.base().toString(), new SetupFileCodec(ctx.workspace(), Instant.EPOCH));
        if (!facts.modifications().isEmpty()) {
            String what = String.join("; ", facts.modifications());
            if (!o.force()) {
                throw BadInputException.in(o.base())
                        .hint("start from pristine media (the original CD), or pass --force if you are sure")
                        .problem("these media were already modified: %s", what);
            }
            reporter.warn("building from modified media because of --force: " + what);
        }
        if (facts.servicePackLevel() >= 2 && facts.modifications().isEmpty() && !o.force()) {
            throw BadInputException.in(o.base()).hint("start from RTM or SP1 media")
                    .problem("the media already carry Service Pack %d", facts.servicePackLevel());
        }
        ctx.base(base);
        ctx.tree(tree);
        ctx.facts(facts);
        ctx.timestamp(o.timestamp().orElseGet(() -> base.volume().map(v -> v.created()).filter(t -> t != null)
                .orElseGet(() -> modified(o))));
        reporter.summary(facts.describe() + ", " + tree.baseFileCount() + " files" + (base.iso() ? " (ISO)" : ""));
    }

    /** Without SOURCE_DATE_EPOCH or a base volume date, the service pack's own date keeps builds repeatable. */
    private static Instant modified(BuildOptions o) {
        try {
            return Files.getLastModifiedTime(o.servicePack().orElse(o.base())).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
