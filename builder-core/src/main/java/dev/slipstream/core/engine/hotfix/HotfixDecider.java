package dev.slipstream.core.engine.hotfix;

import dev.slipstream.core.engine.hotfix.FileDecision.Action;
import dev.slipstream.core.engine.hotfix.HotfixDecision.Outcome;
import dev.slipstream.core.pe.FileVersion;
import dev.slipstream.core.pkg.Branch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, file by file, what each hotfix contributes to SP2 media. Pure: it sees versions, not
 * files, so every rule is unit-tested on its own.
 *
 * <p>The rules:
 * <ul>
 *   <li>The branch is chosen by policy: SP2QFE &gt; SP2GDR &gt; RTMQFE &gt; RTMGDR by default.</li>
 *   <li>Versions decide, by VS_FIXEDFILEINFO, never timestamps. For each file the newest version
 *       among SP2 (or the base, for files SP2 does not carry) and every SP2-branch hotfix wins; a
 *       tie goes to SP2, then to the lowest KB number, so the result does not depend on the order
 *       the packages were given in.</li>
 *   <li>A hotfix that wins no file is superseded, and the reason names what supersedes it.</li>
 *   <li>A pre-SP2 hotfix (RTM branches only) whose file is newer than SP2's would regress:
 *       installing SP2 loses its fix. That blocks the build unless regressions are allowed, in
 *       which case it is dropped and reported, like the Hotfix Scan Tool's {@code /d}.</li>
 *   <li>A pre-SP2 hotfix whose files SP2 does not carry at all keeps them when they are newer
 *       than the base's.</li>
 * </ul>
 */
public final class HotfixDecider {

    private final Branch.Policy policy;
    private final boolean allowRegressions;

    public HotfixDecider(Branch.Policy policy, boolean allowRegressions) {
        this.policy = policy;
        this.allowRegressions = allowRegressions;
    }

    /**
     * @param sp2 the versions of the files the service pack carries
     * @param base the versions of the files of the base media
     */
    public HotfixDecisions decide(List<HotfixCandidate> hotfixes, VersionCatalog sp2, VersionCatalog base) {
        List<HotfixCandidate> ordered = new ArrayList<>(hotfixes);
        ordered.sort(Comparator.comparing((HotfixCandidate h) -> kbNumber(h.kb())).thenComparing(HotfixCandidate::packageName));

        // Pass 1: the best SP2-branch candidate for every file, across all hotfixes.
        Map<String, Contender> best = new HashMap<>();
        Map<HotfixCandidate, Branch> chosen = new HashMap<>();
        for (HotfixCandidate h : ordered) {
            Optional<Branch> b = policy.choose(h.availableBranches());
            if (b.isEmpty()) {
                continue;
            }
            chosen.put(h, b.get());
            if (!b.get().forSp2()) {
                continue;
            }
            for (PayloadFile f : h.branches().get(b.get())) {
                if (f.version().isEmpty()) {
                    continue;
                }
                Contender c = best.get(f.key());
                if (c == null || f.version().get().isNewerThan(c.version)) {
                    best.put(f.key(), new Contender(h, f.version().get()));
                }
            }
        }

        List<HotfixDecision> decisions = new ArrayList<>();
        for (HotfixCandidate h : ordered) {
            Branch b = chosen.get(h);
            if (b == null) {
                decisions.add(new HotfixDecision(h, Outcome.UNUSABLE, Optional.empty(), List.of(),
                        "the package carries none of the payload branches " + policy.order()));
            } else if (b.forSp2()) {
                decisions.add(decideSp2Branch(h, b, best, sp2, base));
            } else {
                decisions.add(decidePreSp2(h, b, sp2, base));
            }
        }
        return new HotfixDecisions(decisions, allowRegressions);
    }

    private HotfixDecision decideSp2Branch(HotfixCandidate h, Branch b, Map<String, Contender> best,
            VersionCatalog sp2, VersionCatalog base) {
        List<FileDecision> files = new ArrayList<>();
        Set<String> supersededBy = new LinkedHashSet<>();
        for (PayloadFile f : h.branches().get(b)) {
            Reference ref = reference(f.name(), sp2, base);
            if (f.version().isEmpty()) {
                // No version resource: nothing to compare, so the SP2-branch copy is taken as the fix.
                files.add(new FileDecision(f.name(), Optional.empty(), ref.present ? Action.REPLACE : Action.ADD,
                        ref.version, "no version resource; the " + b + " copy is taken"));
                continue;
            }
            FileVersion v = f.version().get();
            if (ref.version.isPresent() && !v.isNewerThan(ref.version.get())) {
                files.add(new FileDecision(f.name(), f.version(), Action.SKIP, ref.version,
                        ref.label + " has " + ref.version.get() + (v.equals(ref.version.get()) ? ", the same version" : ", newer than " + v)));
                supersededBy.add(ref.label);
                continue;
            }
            Contender winner = best.get(f.key());
            if (winner.hotfix != h) {
                files.add(new FileDecision(f.name(), f.version(), Action.SKIP, Optional.of(winner.version),
                        winner.hotfix.label() + " has " + winner.version
                                + (v.equals(winner.version) ? ", the same version" : ", newer than " + v)));
                supersededBy.add(winner.hotfix.label());
                continue;
            }
            files.add(new FileDecision(f.name(), f.version(), ref.present ? Action.REPLACE : Action.ADD, ref.version,
                    ref.present ? "newer than " + ref.label + "'s " + ref.version.map(FileVersion::toString).orElse("unversioned copy")
                            : "new: neither SP2 nor the base media carry it"));
        }
        boolean any = files.stream().anyMatch(FileDecision::applies);
        if (!any) {
            return new HotfixDecision(h, Outcome.SUPERSEDED, Optional.of(b), files,
                    "superseded by " + String.join(" and ", supersededBy) + ": every file is there in the same or a newer version");
        }
        long n = files.stream().filter(FileDecision::applies).count();
        String kind = h.category() == HotfixCandidate.Category.REPACKAGED ? "repackaged for SP2 (RTM and SP2 branches)"
                : "built for SP2 (repackaged or post-SP2)";
        return new HotfixDecision(h, Outcome.INTEGRATE, Optional.of(b), files,
                kind + "; " + b + " branch, " + n + " of " + files.size() + " file(s) newer than the media");
    }

    private HotfixDecision decidePreSp2(HotfixCandidate h, Branch b, VersionCatalog sp2, VersionCatalog base) {
        List<FileDecision> files = new ArrayList<>();
        for (PayloadFile f : h.branches().get(b)) {
            Optional<FileVersion> v = f.version();
            if (sp2.has(f.name())) {
                Optional<FileVersion> s = sp2.version(f.name());
                if (v.isPresent() && s.isPresent() && v.get().isNewerThan(s.get())) {
                    files.add(new FileDecision(f.name(), v, Action.REGRESSION, s,
                            v.get() + " is newer than SP2's " + s.get() + ": SP2 would undo this fix"));
                } else {
                    files.add(new FileDecision(f.name(), v, Action.SKIP, s,
                            s.map(x -> "SP2 has " + x).orElse("SP2 carries it") + (v.isPresent() ? ", not older than " + v.get() : "")));
                }
                continue;
            }
            Optional<FileVersion> bv = base.version(f.name());
            if (base.has(f.name()) && (v.isEmpty() || bv.isPresent() && !v.get().isNewerThan(bv.get()))) {
                files.add(new FileDecision(f.name(), v, Action.SKIP, bv,
                        "the base media have " + bv.map(FileVersion::toString).orElse("it") + " and SP2 does not change it"));
            } else {
                files.add(new FileDecision(f.name(), v, base.has(f.name()) ? Action.REPLACE : Action.ADD, bv,
                        "SP2 does not carry it; newer than the base media's"));
            }
        }
        if (files.stream().anyMatch(d -> d.action() == Action.REGRESSION)) {
            String what = files.stream().filter(d -> d.action() == Action.REGRESSION).map(FileDecision::name)
                    .reduce((a, c) -> a + ", " + c).orElse("");
            return new HotfixDecision(h, Outcome.REGRESSION, Optional.of(b), files,
                    "pre-SP2 fix newer than SP2 (" + what + "): SP2 would regress it; get the SP2 version of "
                            + h.label() + " from Microsoft support"
                            + (allowRegressions ? " (dropped: regressions allowed)" : ""));
        }
        if (files.stream().noneMatch(FileDecision::applies)) {
            return new HotfixDecision(h, Outcome.SUPERSEDED, Optional.of(b), files,
                    "superseded by SP2: it carries this fix");
        }
        return new HotfixDecision(h, Outcome.INTEGRATE, Optional.of(b), files,
                "pre-SP2 fix for files SP2 does not carry; " + b + " branch");
    }

    private static Reference reference(String name, VersionCatalog sp2, VersionCatalog base) {
        if (sp2.has(name)) {
            Optional<FileVersion> s = sp2.version(name);
            Optional<FileVersion> bv = base.version(name);
            // SP2 replaces the base's copy unless the base's is newer (then the engine keeps the base's).
            if (s.isPresent() && bv.isPresent() && bv.get().isNewerThan(s.get())) {
                return new Reference(true, bv, base.label());
            }
            return new Reference(true, s, sp2.label());
        }
        if (base.has(name)) {
            return new Reference(true, base.version(name), base.label());
        }
        return new Reference(false, Optional.empty(), "nothing");
    }

    private static long kbNumber(String kb) {
        try {
            return Long.parseLong(kb);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private record Contender(HotfixCandidate hotfix, FileVersion version) {
    }

    private record Reference(boolean present, Optional<FileVersion> version, String label) {
    }
}
