package dev.slipstream.core.engine;

import dev.slipstream.core.packed.PackedTreeFileSystem;
import dev.slipstream.core.pkg.Hotfix;
import dev.slipstream.core.pkg.PackageExtractor;
import dev.slipstream.core.pkg.UpdatePackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /** Where one package went. */
    private record Extracted(Path tree, int members, boolean cached) {
    }

    /**
     * Packages are extracted side by side: each is one LZX folder decoded on one core, so the
     * hotfixes (and the service pack's hashing for the cache) share the machine with the service
     * pack's long decode instead of waiting for it.
     */
    @Override
    public void run(BuildContext ctx, StepReporter reporter) throws IOException {
        List<UpdatePackage> all = packages(ctx);
        int threads = Math.max(1, Math.min(ctx.options().threads(), all.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "slipstream-extract");
            t.setDaemon(true);
            return t;
        });
        Extracted[] done = new Extracted[all.size()];
        try {
            // The largest first, so that it is never the one left to run alone at the end.
            List<UpdatePackage> bySize = new ArrayList<>(all);
            bySize.sort(Comparator.comparingLong(ExtractPackagesStep::sizeOf).reversed());
            Map<UpdatePackage, Future<Extracted>> byPackage = new IdentityHashMap<>();
            for (UpdatePackage p : bySize) {
                Future<Extracted> f = pool.submit(() -> extract(ctx, p, reporter));
                byPackage.put(p, f);
            }
            // The hotfixes (all but the first, the service pack) are small and done long before
            // the service pack: their results are taken first, and the plan's prelude is read on
            // this (otherwise waiting) thread while the service pack is still being decoded.
            for (int i = 1; i < all.size(); i++) {
                done[i] = BackgroundWork.result(byPackage.get(all.get(i)), "extracting the packages");
                all.get(i).extractedTo(done[i].tree());
            }
            readPrelude(ctx);
            done[0] = BackgroundWork.result(byPackage.get(all.get(0)), "extracting the packages");
        } finally {
            // On a failure the others stop (their reads are interrupted); wait for them, so that
            // nothing writes into the workspace while it is being deleted.
            BackgroundWork.stopAndAwait(pool);
        }
        int members = 0;
        int cached = 0;
        for (int i = 0; i < all.size(); i++) {
            UpdatePackage p = all.get(i);
            Extracted x = done[i];
            members += x.members();
            cached += x.cached() ? 1 : 0;
            p.extractedTo(x.tree());
            if (p instanceof Hotfix h && h.branches().isEmpty()) {
                reporter.warn(h.file().getFileName() + " has no SP2QFE, SP2GDR, RTMQFE or RTMGDR folder");
            }
        }
        reporter.summary(all.size() + " package(s), " + members + " files"
                + (ctx.options().packageCache().isPresent() ? ", " + cached + " from the cache" : ""));
    }

    /**
     * Reads the {@link PlanPrelude} into the context. A failure is kept for the plan step to
     * report: the extraction itself went well, and the error belongs to planning.
     */
    private static void readPrelude(BuildContext ctx) {
        try {
            ctx.prelude(PlanPrelude.read(ctx.tree(), ctx.facts(), ctx.options().base().toString(), ctx.hotfixes(), ctx.codec(),
                    ctx.workspace()), null);
        } catch (IOException | RuntimeException e) {
            ctx.prelude(null, e);
        }
    }

    private static long sizeOf(UpdatePackage p) {
        try {
            return Files.size(p.file());
        } catch (IOException e) {
            return 0;
        }
    }

    private static Extracted extract(BuildContext ctx, UpdatePackage p, StepReporter reporter) throws IOException {
        // One package at a time uses one decoding thread per folder; packages already run side by side.
        int threads = ctx.options().threads();
        if (ctx.options().packageCache().isPresent()) {
            // Shared cache hook (factory): extract once per SHA-256, reuse across builds.
            var held = ctx.options().packageCache().get().hold(p.file(), ctx.pendingSha256(p.file()),
                    (file, to) -> PackageExtractor.extract(file, to, threads, reporter::advance));
            ctx.holdUntilEnd(held); // cache prune must not remove it while this build reads it
            var entry = held.entry();
            if (entry.hit()) {
                reporter.advance(Files.size(p.file()));
            }
            return new Extracted(entry.tree(), entry.members(), entry.hit());
        }
        Path dest;
        synchronized (ctx.workspace()) {
            dest = ctx.workspace().folder(p.label());
        }
        Path tree = PackageExtractor.extractInto(p.file(), dest, threads, reporter::advance);
        return new Extracted(tree, PackedTreeFileSystem.members(tree), false);
    }
}
