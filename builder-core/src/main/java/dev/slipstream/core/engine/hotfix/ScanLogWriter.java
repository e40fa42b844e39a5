package dev.slipstream.core.engine.hotfix;

import dev.slipstream.core.engine.hotfix.HotfixDecision.Outcome;
import dev.slipstream.core.pe.FileVersion;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Renders a {@link ScanReport} as the Hotfix Scan Tool's log: a header, one group per finding,
 * and a closing verdict. Verbose adds every file with both versions, as {@code /v} does.
 * Lines end with CRLF because the log is read on Windows next to the media.
 */
public final class ScanLogWriter {

    private static final String EOL = "\r\n";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final boolean verbose;

    public ScanLogWriter(boolean verbose) {
        this.verbose = verbose;
    }

    public String render(ScanReport r) {
        StringBuilder sb = new StringBuilder();
        boolean before = r.before().isPresent();
        line(sb, "Hotfix scan of " + r.name() + " (slipstream scan, " + (before ? "before build" : "after build") + ")");
        line(sb, "Date:          " + WHEN.format(r.when()));
        line(sb, "Media:         " + r.media());
        r.servicePack().ifPresent(sp -> line(sb, "Service pack:  " + sp));
        line(sb, "");
        if (before) {
            renderBefore(sb, r.before().get());
        } else {
            renderAfter(sb, r.after().orElse(List.of()));
        }
        return sb.toString();
    }

    private void renderBefore(StringBuilder sb, HotfixDecisions d) {
        group(sb, "Hotfixes that would regress (SP2 would undo their fix)", d.regressions());
        group(sb, "Hotfixes for SP2, integrated (repackaged or post-SP2)", d.integrated().stream()
                .filter(x -> x.branch().map(b -> b.forSp2()).orElse(false)).toList());
        group(sb, "Pre-SP2 hotfixes for files SP2 does not carry, integrated", d.integrated().stream()
                .filter(x -> !x.branch().map(b -> b.forSp2()).orElse(false)).toList());
        group(sb, "Superseded hotfixes (dropped)", d.with(Outcome.SUPERSEDED));
        group(sb, "Unusable packages (dropped)", d.with(Outcome.UNUSABLE));
        int reg = d.regressions().size();
        if (reg == 0) {
            line(sb, "Result: OK - no hotfix would regress.");
        } else if (d.blocked()) {
            line(sb, "Result: BLOCKED - " + reg + " hotfix(es) would regress. Get their SP2 versions from Microsoft"
                    + " support, or build anyway with --allow-regressions (their fixes are then lost).");
        } else {
            line(sb, "Result: " + reg + " hotfix(es) regress; allowed by --allow-regressions, their fixes are lost.");
        }
    }

    private void group(StringBuilder sb, String title, List<HotfixDecision> ds) {
        line(sb, title + ": " + ds.size());
        for (HotfixDecision d : ds) {
            line(sb, "  " + pad(d.hotfix().label(), 10) + " " + d.reason());
            if (verbose) {
                line(sb, "             package " + d.hotfix().packageName()
                        + d.branch().map(b -> ", branch " + b).orElse(""));
                for (FileDecision f : d.files()) {
                    line(sb, "             " + pad(f.action().name(), 10) + " " + pad(f.name(), 16) + " "
                            + pad(v(f.version()), 16) + " " + f.reason());
                }
            }
        }
        line(sb, "");
    }

    private void renderAfter(StringBuilder sb, List<BuiltTreeScan.Result> results) {
        List<BuiltTreeScan.Result> regressed = results.stream().filter(r -> r.status() == BuiltTreeScan.Status.REGRESSED).toList();
        List<BuiltTreeScan.Result> intact = results.stream().filter(r -> r.status() == BuiltTreeScan.Status.INTACT).toList();
        List<BuiltTreeScan.Result> unusable = results.stream().filter(r -> r.status() == BuiltTreeScan.Status.UNUSABLE).toList();
        afterGroup(sb, "Hotfixes that have regressed", regressed);
        afterGroup(sb, "Hotfixes intact", intact);
        afterGroup(sb, "Unusable packages", unusable);
        line(sb, regressed.isEmpty() ? "Result: OK - no fix has regressed."
                : "Result: REGRESSED - " + regressed.size() + " fix(es) are missing or older in the tree; reinstall their SP2 versions.");
    }

    private void afterGroup(StringBuilder sb, String title, List<BuiltTreeScan.Result> rs) {
        line(sb, title + ": " + rs.size());
        for (BuiltTreeScan.Result r : rs) {
            List<BuiltTreeScan.FileCheck> bad = r.files().stream().filter(f -> !f.ok()).toList();
            String why = bad.isEmpty() ? r.branch().map(b -> b + " files present in the same or a newer version").orElse("no payload branch")
                    : bad.stream().map(f -> f.name() + ": " + f.reason()).reduce((a, c) -> a + "; " + c).orElse("");
            line(sb, "  " + pad(r.hotfix().label(), 10) + " " + why);
            if (verbose) {
                for (BuiltTreeScan.FileCheck f : r.files()) {
                    line(sb, "             " + pad(f.ok() ? "OK" : "REGRESSED", 10) + " " + pad(f.name(), 16) + " "
                            + pad(v(f.expected()), 16) + " " + f.reason());
                }
            }
        }
        line(sb, "");
    }

    private static String v(Optional<FileVersion> v) {
        return v.map(FileVersion::toString).orElse("(no version)");
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append(EOL);
    }
}
