package dev.slipstream.core.engine.addon;

import dev.slipstream.core.engine.BuildContext;
import dev.slipstream.core.engine.BuildStep;
import dev.slipstream.core.engine.MediaFacts;
import dev.slipstream.core.engine.SetupFolders;
import dev.slipstream.core.engine.StepReporter;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.pkg.addon.AddonCompatibility;
import dev.slipstream.core.pkg.addon.AddonPack;
import dev.slipstream.core.pkg.addon.AddonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads every addon pack given with {@code --addon} right after the media are probed, and checks
 * it against them (architecture by name, entries file and machine type; language by name and
 * entries file) before anything else is done: a wrong pack stops the build at once, with the pack,
 * the member or line, and what to use instead.
 */
public final class ReadAddonsStep implements BuildStep {

    @Override
    public String id() {
        return "read-addons";
    }

    @Override
    public String description() {
        return "Reading the addon packs and checking them against the media";
    }

    @Override
    public long expectedBytes(BuildContext ctx) {
        long total = 0;
        for (Path p : ctx.options().addons()) {
            try {
                total += Files.size(p);
            } catch (IOException e) {
                return -1;
            }
        }
        return total;
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        MediaFacts media = ctx.facts();
        InfReadOptions read = media.language().map(l -> InfReadOptions.withAnsi(l.ansiCharset())).orElse(InfReadOptions.defaults());
        int files = 0;
        int i = 0;
        for (Path p : ctx.options().addons()) {
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, "no such addon pack");
            }
            Path work = ctx.workspace().folder("addon-" + (++i));
            AddonPack pack = AddonReader.read(p, work, read, media.architecture().folder());
            AddonCompatibility.check(pack, SetupFolders.machine(media.architecture()), media.language());
            for (AddonPack prior : ctx.addons()) {
                if (prior.label().equalsIgnoreCase(pack.label())) {
                    throw new IllegalArgumentException("the addon pack " + pack.label() + " is given twice");
                }
            }
            ctx.addons().add(pack);
            files += pack.setupFiles().size() + pack.svcpackFiles().size();
            reporter.advance(Files.size(p));
        }
        reporter.summary(ctx.addons().size() + " addon pack(s), " + files + " files, for "
                + SetupFolders.machine(media.architecture()).displayName() + " " + media.language().map(Object::toString).orElse(""));
    }
}
