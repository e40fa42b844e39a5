package dev.slipstream.core.engine.hotfix;

import dev.slipstream.core.pkg.Branch;
import java.util.List;
import java.util.Optional;

/**
 * What the build does with one hotfix, and why.
 *
 * @param branch the payload branch chosen, empty when the package has none we use
 * @param reason one sentence for the plan, the report and the scan log
 */
public record HotfixDecision(HotfixCandidate hotfix, Outcome outcome, Optional<Branch> branch,
        List<FileDecision> files, String reason) {

    public enum Outcome {
        /** Its files (those that win) are slipstreamed; its catalog and registration go to SVCPACK. */
        INTEGRATE,
        /** SP2 or other hotfixes carry the same or newer versions of every file: dropped. */
        SUPERSEDED,
        /** A pre-SP2 fix with a file newer than SP2's: the build stops unless regressions are allowed. */
        REGRESSION,
        /** The package carries no payload branch we can use. */
        UNUSABLE
    }

    public List<FileDecision> applied() {
        return files.stream().filter(FileDecision::applies).toList();
    }
}
