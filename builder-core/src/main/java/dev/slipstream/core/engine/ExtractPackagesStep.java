package dev.slipstream.core.engine;

import dev.slipstream.core.packed.PackedTreeFileSystem;
import dev.slipstream.core.pkg.Hotfix;
import dev.slipstream.core.pkg.PackageExtractor;
import dev.slipstream.core.pkg.UpdatePackage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
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
        List<Extracted> done = new ArrayList<>();
        try {
            // The largest first, so that it is never the one left to run alone at the end.
            List<UpdatePackage> bySize = new ArrayList<>(all);
            bySize.sort(Comparator.comparingLong(ExtractPackagesStep::sizeOf).reversed());
            Map<UpdatePackage, Future<Extracted>> byPackage = new IdentityHashMap<>();
            for (UpdatePackage p : bySize) {
                Future<Extracted> f = pool.submit(() -> extract(ctx, p, reporter));
                byPackage.put(p, f);
            }
            // The hotfixes are small and done long before the service pack: their results are
            // taken first, and the plan's prelude is read on this (otherwise waiting) thread
            // while the service pack is still being decoded.
            Map<UpdatePackage, Extracted> results = new IdentityHashMap<>();
            for (UpdatePackage p : all.subList(1, all.size())) {
                Extracted x = get(byPackage.get(p));
                results.put(p, x);
                p.extractedTo(x.tree());
            }
            readPrelude(ctx);
            UpdatePackage sp = all.get(0);
            results.put(sp, get(byPackage.get(sp)));
            all.forEach(p -> done.add(results.get(p)));
        } finally {
            // On a failure the others stop (their reads are interrupted); wait for them, so that
            // nothing writes into the workspace while it is being deleted.
            BackgroundWork.stopAndAwait(pool);
        }
        int members = 0;
        int cached = 0;
        for (int i = 0; i < all.size(); i++) {
            UpdatePackage p = all.get(i);
            Extracted x = done.get(i);
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
            var held = ctx.options().packageCache().get().hold(p.file(), ctx.sha256(p.file()),
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
        return new Extracted(tree, ((PackedTreeFileSystem) tree.getFileSystem()).members(), false);
    }

    private static Extracted get(Future<Extracted> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while extracting the packages");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }
}
