package dev.slipstream.core.engine;

import dev.slipstream.core.engine.hotfix.VersionCatalog;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.media.Architecture;
import dev.slipstream.core.pkg.Hotfix;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of planning that needs the base media and the hotfixes but not the service pack: the
 * base's setup files, the hotfixes' payloads with their versions, and the base's versions of the
 * files they carry. The service pack is one LZX folder, decoded on one core for about a second;
 * the hotfixes are small and done long before it, so {@link ExtractPackagesStep} reads this
 * prelude on the otherwise idle core meanwhile, and {@link IntegrationPlanner} starts from it.
 *
 * <p>Compressing the hotfix files ahead here as well was tried and dropped: on two cores it slowed
 * the service pack's decoding by more than it saved later.
 */
final class PlanPrelude {

    final SetupInfFiles infs;
    /** {@code null} without hotfixes. */
    final HotfixPayloads payloads;
    /** The file names the hotfixes carry that have a place on these media, upper case. */
    final Set<String> mentioned;
    final VersionCatalog baseVersions;

    private PlanPrelude(SetupInfFiles infs, HotfixPayloads payloads, Set<String> mentioned, VersionCatalog baseVersions) {
        this.infs = infs;
        this.payloads = payloads;
        this.mentioned = mentioned;
        this.baseVersions = baseVersions;
    }

    static PlanPrelude read(StagedTree tree, MediaFacts facts, String mediaName, List<Hotfix> hotfixes, SetupFileCodec codec,
            Workspace workspace) throws IOException {
        Architecture arch = facts.architecture();
        String setup = arch.folder();
        InfReadOptions read = facts.language().map(l -> InfReadOptions.withAnsi(l.ansiCharset())).orElse(InfReadOptions.defaults());
        SetupInfFiles infs = SetupInfFiles.read(tree, arch, codec, mediaName, read);
        VersionCatalog baseVersions = new VersionCatalog("the base media");
        if (hotfixes.isEmpty()) {
            return new PlanPrelude(infs, null, Set.of(), baseVersions);
        }
        HotfixPayloads payloads = HotfixPayloads.read(hotfixes);
        Set<String> mentioned = payloads.names();
        if (arch != Architecture.AMD64) {
            mentioned.removeIf(payloads::isWow); // WOW64 twins go to I386 on x64 media only
        }
        MediaVersions mv = new MediaVersions(codec, workspace);
        Set<String> nativeNames = new TreeSet<>();
        Set<String> wowNames = new TreeSet<>();
        mentioned.forEach(n -> (payloads.isWow(n) ? wowNames : nativeNames).add(n));
        mv.into(baseVersions, tree, setup, infs.drvindex(), nativeNames);
        if (!wowNames.isEmpty()) {
            mv.into(baseVersions, tree, "I386", null, wowNames);
        }
        return new PlanPrelude(infs, payloads, mentioned, baseVersions);
    }

}
