package dev.slipstream.core.engine;

import dev.slipstream.core.engine.StagedFile.Origin;
import dev.slipstream.core.iso.ContentSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Carries an {@link IntegrationPlan} out on the staged tree: converts package files to the form
 * the media want (compressing to LZX:21 or expanding, in parallel), then records every file,
 * extra, removal and rewritten setup file as an overlay change. Nothing is written outside the
 * workspace.
 */
public final class PlanApplier {

    private final SetupFileCodec codec;
    private final int threads;

    public PlanApplier(SetupFileCodec codec, int threads) {
        this.codec = codec;
        this.threads = threads;
    }

    /** @return how many files had to be converted between forms */
    public int apply(IntegrationPlan plan, StagedTree tree, StepReporter reporter) throws IOException {
        long total = 0;
        for (PlannedFile f : plan.files()) {
            total += f.expandedSize();
        }
        reporter.total(total);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "slipstream-apply");
            t.setDaemon(true);
            return t;
        });
        int converted = 0;
        try {
            List<Future<ContentSource>> results = new ArrayList<>();
            for (PlannedFile f : plan.files()) {
                results.add(pool.submit(() -> {
                    ContentSource c = realise(f);
                    reporter.advance(f.expandedSize());
                    return c;
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                PlannedFile f = plan.files().get(i);
                ContentSource c = BackgroundWork.result(results.get(i), "converting files");
                tree.put(f.operation().mediaPath(), c, f.needsConversion() ? Origin.BUILD : Origin.PACKAGE);
                if (f.needsConversion()) {
                    converted++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (MediaPath removed : plan.removals()) {
            tree.remove(removed);
        }
        for (Map.Entry<MediaPath, ContentSource> e : plan.extras().entrySet()) {
            tree.put(e.getKey(), e.getValue(), Origin.PACKAGE);
        }
        for (Map.Entry<MediaPath, byte[]> e : plan.infs().entrySet()) {
            tree.put(e.getKey(), ContentSource.ofBytes(e.getValue(), e.getKey().toWindows() + " (rewritten)"), Origin.BUILD);
        }
        return converted;
    }

    private ContentSource realise(PlannedFile f) throws IOException {
        if (!f.needsConversion()) {
            return ContentSource.ofFile(f.payload());
        }
        if (f.operation().compressed()) {
            Path packed = codec.compress(f.payload(), f.operation().name().toLowerCase(java.util.Locale.ROOT));
            return ContentSource.ofFile(packed);
        }
        return ContentSource.ofFile(codec.expand(ContentSource.ofFile(f.payload())).file());
    }
}
