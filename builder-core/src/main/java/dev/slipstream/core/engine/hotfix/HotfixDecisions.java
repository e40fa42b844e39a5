package dev.slipstream.core.engine.hotfix;

import java.util.List;

/** Every hotfix decision of a build, in KB order, and whether they allow the build to go on. */
public record HotfixDecisions(List<HotfixDecision> decisions, boolean regressionsAllowed) {

    public HotfixDecisions {
        decisions = List.copyOf(decisions);
    }

    public List<HotfixDecision> with(HotfixDecision.Outcome outcome) {
        return decisions.stream().filter(d -> d.outcome() == outcome).toList();
    }

    public List<HotfixDecision> integrated() {
        return with(HotfixDecision.Outcome.INTEGRATE);
    }

    public List<HotfixDecision> regressions() {
        return with(HotfixDecision.Outcome.REGRESSION);
    }

    /** True when a regression stops the build (as the Hotfix Scan Tool blocks SP2 without /d). */
    public boolean blocked() {
        return !regressionsAllowed && !regressions().isEmpty();
    }
}
