package dev.slipstream.core.engine;

import dev.slipstream.core.engine.hotfix.HotfixDecisions;
import dev.slipstream.core.engine.hotfix.ScanLogWriter;
import dev.slipstream.core.engine.hotfix.ScanReport;
import dev.slipstream.core.error.ProblemFoundException;
import dev.slipstream.core.io.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Step 4: decides every change (SP2 files, hotfix decisions, INF lines, SVCPACK) and runs the
 * pre-build hotfix scan. A hotfix that SP2 would regress stops the build here, after its log is
 * written, unless regressions are allowed.
 */
public final class PlanIntegrationStep implements BuildStep {

    @Override
    public String id() {
        return "plan";
    }

    @Override
    public String description() {
        return "Planning the integration and scanning the hotfixes";
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        SetupFileCodec codec = ctx.codec();
        IntegrationPlan plan = new IntegrationPlanner(ctx.options(), codec, ctx.workspace(), reporter)
                .from(ctx.prelude().orElse(null))
                .plan(ctx.tree(), ctx.facts(), ctx.options().base().toString(), ctx.servicePack(), ctx.hotfixes(), ctx.ie7(),
                        ctx.addons());
        ctx.plan(plan);
        if (plan.hotfixes().isPresent()) {
            HotfixDecisions d = plan.hotfixes().get();
            ScanReport report = ScanReport.beforeBuild(scanName(ctx), ctx.timestamp(), ctx.facts().describe(),
                    ctx.servicePack().file().getFileName().toString(), d);
            ctx.scan(report);
            Path dir = ctx.options().scanLogDir().orElseGet(() -> outputDir(ctx));
            if (dir != null && !ctx.options().planOnly()) {
                Path log = dir.resolve(report.logFileName());
                try (AtomicOutput out = AtomicOutput.create(log)) {
                    out.stream().write(new ScanLogWriter(true).render(report).getBytes(StandardCharsets.UTF_8));
                    OutputPermissions.publish(out.tempFile());
                    out.commit();
                }
                ctx.scanLog(log);
            }
            if (d.blocked() && !ctx.options().planOnly()) {
                StringBuilder sb = new StringBuilder();
                d.regressions().forEach(r -> sb.append(sb.length() == 0 ? "" : "; ").append(r.hotfix().label()).append(": ").append(r.reason()));
                throw new ProblemFoundException(d.regressions().size() + " hotfix(es) would regress with SP2 (" + sb
                        + "). Get their SP2 versions, or pass --allow-regressions to build without them"
                        + ctx.scanLog().map(l -> "; details in " + l).orElse(""));
            }
        }
        reporter.summary("SP2: replace " + plan.replacedCount() + ", add " + plan.addedCount() + " files; "
                + plan.hotfixes().map(d -> d.integrated().size() + " hotfix(es) integrated, "
                        + d.with(dev.slipstream.core.engine.hotfix.HotfixDecision.Outcome.SUPERSEDED).size() + " superseded, "
                        + d.regressions().size() + " regress; ").orElse("")
                + plan.infChanges().size() + " INF lines");
    }

    /** The scan log is named after the output, as the scan tool names it after the computer. */
    static String scanName(BuildContext ctx) {
        BuildOptions o = ctx.options();
        Path named = o.outIso().or(o::outTree).orElse(o.base());
        String n = named.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static Path outputDir(BuildContext ctx) {
        BuildOptions o = ctx.options();
        return o.outIso().map(p -> p.toAbsolutePath().getParent())
                .or(() -> o.outTree().map(p -> p.toAbsolutePath().getParent())).orElse(null);
    }
}
