package dev.slipstream.core.engine.hotfix;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code slipstream scan} found, in one of its two modes: before a build (which hotfixes SP2
 * supersedes, which are repackaged, which would regress) or after one (which fixes regressed in a
 * built tree).
 *
 * @param name the media's name; the log is written to {@code <name>_log.txt}
 * @param media one line describing the media scanned
 * @param servicePack the service pack package, when scanning before a build
 * @param before the decisions, in before-build mode
 * @param after the per-hotfix results, in after-build mode
 */
public record ScanReport(String name, Instant when, String media, Optional<String> servicePack,
        Optional<HotfixDecisions> before, Optional<List<BuiltTreeScan.Result>> after) {

    public static ScanReport beforeBuild(String name, Instant when, String media, String servicePack,
            HotfixDecisions decisions) {
        return new ScanReport(name, when, media, Optional.of(servicePack), Optional.of(decisions), Optional.empty());
    }

    public static ScanReport afterBuild(String name, Instant when, String media, List<BuiltTreeScan.Result> results) {
        return new ScanReport(name, when, media, Optional.empty(), Optional.empty(), Optional.of(List.copyOf(results)));
    }

    /** True when the scan found something that should stop a pipeline. */
    public boolean problemFound() {
        return before.map(HotfixDecisions::blocked).orElse(false)
                || after.map(r -> r.stream().anyMatch(x -> x.status() == BuiltTreeScan.Status.REGRESSED)).orElse(false);
    }

    /** The log file name the Hotfix Scan Tool would use: {@code <name>_log.txt}. */
    public String logFileName() {
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + "_log.txt";
    }
}
