package dev.slipstream.core.engine;

import dev.slipstream.core.engine.hotfix.HotfixDecisions;
import dev.slipstream.core.iso.ContentSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a build will change, decided before any output byte is written: what
 * {@code --plan} prints and what the apply step carries out.
 *
 * @param files package files to place in setup folders (replace or add), one per media path
 * @param extras whole files placed as they are: SP2.CAB, SP2.CAT, tag files, SVCPACK content
 * @param removals files removed (the other form of a replaced file, a compressed SVCPACK.IN_)
 * @param infs the rewritten setup files, by media path, in their media form (LAYOUT.IN_ compressed)
 * @param infChanges every INF line added or removed
 * @param hotfixes every hotfix decision, empty when no hotfix was given
 * @param svcpack the SVCPACK.INF commands run at T-13
 * @param addons what became of every file of every addon pack, empty when none was given
 */
public record IntegrationPlan(MediaFacts media, List<PlannedFile> files, Map<MediaPath, ContentSource> extras,
        List<MediaPath> removals, Map<MediaPath, byte[]> infs, List<InfDiff.Line> infChanges,
        Optional<HotfixDecisions> hotfixes, List<String> svcpack,
        List<dev.slipstream.core.engine.addon.AddonDecision> addons) {

    public IntegrationPlan(MediaFacts media, List<PlannedFile> files, Map<MediaPath, ContentSource> extras,
            List<MediaPath> removals, Map<MediaPath, byte[]> infs, List<InfDiff.Line> infChanges,
            Optional<HotfixDecisions> hotfixes, List<String> svcpack) {
        this(media, files, extras, removals, infs, infChanges, hotfixes, svcpack, List.of());
    }

    public long replacedCount() {
        return files.stream().filter(f -> f.operation().kind() == FileOperation.Kind.REPLACE).count();
    }

    public long addedCount() {
        return files.stream().filter(f -> f.operation().kind() == FileOperation.Kind.ADD).count();
    }
}
