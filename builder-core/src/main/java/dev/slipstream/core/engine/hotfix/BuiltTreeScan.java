package dev.slipstream.core.engine.hotfix;

import dev.slipstream.core.pe.FileVersion;
import dev.slipstream.core.pkg.Branch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The after-build half of the Hotfix Scan Tool: given the hotfixes a tree should carry and the
 * versions actually in it, which fixes have regressed. A fix has regressed when one of its files
 * is missing from the tree or older there than in the hotfix's chosen branch.
 */
public final class BuiltTreeScan {

    private final Branch.Policy policy;

    public BuiltTreeScan(Branch.Policy policy) {
        this.policy = policy;
    }

    public List<Result> scan(List<HotfixCandidate> hotfixes, VersionCatalog built) {
        List<Result> out = new ArrayList<>();
        List<HotfixCandidate> ordered = new ArrayList<>(hotfixes);
        ordered.sort(Comparator.comparing(HotfixCandidate::kb));
        for (HotfixCandidate h : ordered) {
            // After SP2 the SP2 branch is what a system would run; pre-SP2 packages only have RTM.
            Optional<Branch> b = policy.choose(h.availableBranches());
            if (b.isEmpty()) {
                out.add(new Result(h, Optional.empty(), Status.UNUSABLE, List.of()));
                continue;
            }
            List<FileCheck> checks = new ArrayList<>();
            for (PayloadFile f : h.branches().get(b.get())) {
                if (!built.has(f.name())) {
                    checks.add(new FileCheck(f.name(), f.version(), Optional.empty(), false, "missing from the tree"));
                } else if (f.version().isPresent() && built.version(f.name()).isPresent()
                        && f.version().get().isNewerThan(built.version(f.name()).get())) {
                    checks.add(new FileCheck(f.name(), f.version(), built.version(f.name()), false,
                            "the tree has " + built.version(f.name()).get() + ", older than the fix's " + f.version().get()));
                } else {
                    checks.add(new FileCheck(f.name(), f.version(), built.version(f.name()), true,
                            built.version(f.name()).map(v -> "the tree has " + v).orElse("present (unversioned)")));
                }
            }
            boolean ok = checks.stream().allMatch(FileCheck::ok);
            out.add(new Result(h, b, ok ? Status.INTACT : Status.REGRESSED, checks));
        }
        return out;
    }

    public enum Status { INTACT, REGRESSED, UNUSABLE }

    public record FileCheck(String name, Optional<FileVersion> expected, Optional<FileVersion> found, boolean ok,
            String reason) {
    }

    public record Result(HotfixCandidate hotfix, Optional<Branch> branch, Status status, List<FileCheck> files) {
    }
}
