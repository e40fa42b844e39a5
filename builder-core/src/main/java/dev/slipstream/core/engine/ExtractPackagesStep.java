package dev.slipstream.core.engine;

import dev.slipstream.core.pkg.Hotfix;
import dev.slipstream.core.pkg.PackageExtractor;
import dev.slipstream.core.pkg.UpdatePackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 3: unpacks the service pack and the hotfixes into the workspace (IE7 is carried whole, so
 * it is not unpacked). Every CFDATA checksum is verified on the way: a corrupt package stops the
 * build here, before anything is planned.
 */
public final class ExtractPackagesStep implements BuildStep {

    @Override
    public String id() {
        return "extract-packages";
    }

    @Override
    public String description() {
        return "Extracting the service pack and the hotfixes";
    }

    @Override
    public long expectedBytes(BuildContext ctx) {
        long total = 0;
        for (UpdatePackage p : packages(ctx)) {
            try {
                total += Files.size(p.file());
            } catch (IOException e) {
                return -1;
            }
        }
        return total;
    }

    private static List<UpdatePackage> packages(BuildContext ctx) {
        List<UpdatePackage> all = new ArrayList<>();
        all.add(ctx.servicePack());
        all.addAll(ctx.hotfixes());
        return all;
    }

    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        int members = 0;
        int cached = 0;
        for (UpdatePackage p : packages(ctx)) {
            Path dest;
            if (ctx.options().packageCache().isPresent()) {
                // Shared cache hook (factory): extract once per SHA-256, reuse across builds.
                var entry = ctx.options().packageCache().get().extract(p.file(),
                        (file, to) -> PackageExtractor.extract(file, to, ctx.options().threads(), reporter::advance));
                if (entry.hit()) {
                    cached++;
                    reporter.advance(Files.size(p.file()));
                }
                dest = entry.tree();
                members += entry.members();
            } else {
                dest = ctx.workspace().folder(p.label());
                members += PackageExtractor.extract(p.file(), dest, ctx.options().threads(), reporter::advance);
            }
            p.extractedTo(dest);
            if (p instanceof Hotfix h && h.branches().isEmpty()) {
                reporter.warn(h.file().getFileName() + " has no SP2QFE, SP2GDR, RTMQFE or RTMGDR folder");
            }
        }
        reporter.summary(packages(ctx).size() + " package(s), " + members + " files"
                + (ctx.options().packageCache().isPresent() ? ", " + cached + " from the cache" : ""));
    }
}
