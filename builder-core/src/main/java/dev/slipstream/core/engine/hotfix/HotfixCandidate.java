package dev.slipstream.core.engine.hotfix;

import dev.slipstream.core.pkg.Branch;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A hotfix as the decision logic sees it: its KB number and the files of each payload branch it
 * carries, with their versions.
 *
 * @param kb the KB number, e.g. {@code 925902}
 * @param packageName the file it came from, for reports
 */
public record HotfixCandidate(String kb, String packageName, Map<Branch, List<PayloadFile>> branches) {

    public HotfixCandidate {
        EnumMap<Branch, List<PayloadFile>> copy = new EnumMap<>(Branch.class);
        branches.forEach((b, files) -> copy.put(b, List.copyOf(files)));
        branches = java.util.Collections.unmodifiableMap(copy);
    }

    public Set<Branch> availableBranches() {
        return branches.keySet();
    }

    /** Which generation of fix this is, from the branches it carries. */
    public Category category() {
        boolean sp2 = branches.keySet().stream().anyMatch(Branch::forSp2);
        boolean rtm = branches.keySet().stream().anyMatch(b -> !b.forSp2());
        if (sp2 && rtm) {
            return Category.REPACKAGED;
        }
        return sp2 ? Category.POST_SP2 : Category.PRE_SP2;
    }

    public String label() {
        return "KB" + kb;
    }

    public enum Category {
        /** Built for systems before SP2 only: SP2 either contains the fix or loses it. */
        PRE_SP2,
        /**
         * Carries both RTM and SP2 branches: one of the hotfixes Microsoft repackaged so that its
         * fix survives SP2 (the SP2 branch is integrated).
         */
        REPACKAGED,
        /** Built for SP2 systems only. */
        POST_SP2
    }
}
