package dev.slipstream.core.engine;

import dev.slipstream.core.media.Architecture;
import dev.slipstream.core.pkg.Language;
import java.util.List;
import java.util.Optional;

/**
 * What the probe learned about the base media.
 *
 * @param architecture the media's architecture (x64 media also carry WOW64 files in I386)
 * @param editionTag the root tag file, e.g. {@code WIN51IS}
 * @param language from TXTSETUP's default keyboard layout, when recognisable
 * @param servicePackLevel 0 for RTM, 1 for SP1 ...
 * @param modifications markers left by other tools or an earlier integration, each one line
 */
public record MediaFacts(Architecture architecture, String editionTag, Optional<Language> language,
        int servicePackLevel, List<String> modifications) {

    public String describe() {
        return SetupFolders.machine(architecture) + " " + editionTag + " " + language.map(Language::code).orElse("(language unknown)")
                + (servicePackLevel == 0 ? " RTM" : " SP" + servicePackLevel);
    }
}
