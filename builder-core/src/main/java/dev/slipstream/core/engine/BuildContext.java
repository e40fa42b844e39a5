package dev.slipstream.core.engine;

import dev.slipstream.core.authenticode.AuthenticodeResult;
import dev.slipstream.core.cache.PackageCache;
import dev.slipstream.core.engine.hotfix.ScanReport;
import dev.slipstream.core.pkg.Hotfix;
import dev.slipstream.core.pkg.Ie7Package;
import dev.slipstream.core.pkg.ServicePack;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The state a build's steps share: the options, the temporary workspace, and what each step
 * produced for the ones after it. Steps run one after the other, so a field set by one step is
 * read by later ones without further synchronization.
 */
public final class BuildContext {

    private final BuildOptions options;
    private final Workspace workspace;
    private final List<Path> outputs = new ArrayList<>();
    private StagedTree tree;
    private BaseMedia base;
    private MediaFacts facts;
    private Instant timestamp;
    private ServicePack servicePack;
    private final List<Hotfix> hotfixes = new ArrayList<>();
    private Ie7Package ie7;
    private final List<dev.slipstream.core.pkg.addon.AddonPack> addons = new ArrayList<>();
    private IntegrationPlan plan;
    private ScanReport scan;
    private Path scanLog;
    private int convertedFiles;
    private final List<AuthenticodeResult> signatures = new ArrayList<>();

    public BuildContext(BuildOptions options, Workspace workspace) {
        this.options = options;
        this.workspace = workspace;
    }

    public BuildOptions options() {
        return options;
    }

    private SetupFileCodec codec;
    private final Map<Path, FutureTask<String>> hashes = new ConcurrentHashMap<>();

    /**
     * Starts computing a package's SHA-256 (its key in the package cache) on a background thread,
     * so that hashing a 350 MB service pack overlaps the probe, the verification and its own
     * extraction instead of delaying it. Not at all when the cache remembers the hash of this
     * file, unchanged since. Reading only: nothing is written.
     */
    public void hashAhead(Path file) {
        hashes.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            Optional<String> known = options.packageCache().flatMap(c -> c.knownSha256(f));
            FutureTask<String> t = new FutureTask<>(() -> known.isPresent() ? known.get() : PackageCache.sha256(f));
            if (known.isPresent()) {
                t.run();
            } else {
                Thread th = new Thread(t, "slipstream-hash");
                th.setDaemon(true);
                th.start();
            }
            return t;
        });
    }

    /** A package's SHA-256: the one {@link #hashAhead} started, else computed now. */
    public String sha256(Path file) throws IOException {
        FutureTask<String> t = hashes.get(file.toAbsolutePath().normalize());
        if (t == null) {
            return PackageCache.sha256(file);
        }
        try {
            return t.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing " + file);
        } catch (ExecutionException e) {
            // Hashed again here, so that the error comes from this thread with its usual form.
            return PackageCache.sha256(file);
        }
    }

    /** A package's SHA-256 as the cache takes it: the one {@link #hashAhead} started, else one computed when asked for. */
    public PackageCache.PendingSha256 pendingSha256(Path file) {
        FutureTask<String> t = hashes.get(file.toAbsolutePath().normalize());
        return new PackageCache.PendingSha256() {
            @Override
            public boolean isDone() {
                return t != null && t.isDone();
            }

            @Override
            public String get() throws IOException {
                return sha256(file);
            }
        };
    }

    /**
     * The codec the plan and apply steps share, so that compressions the plan starts ahead are
     * collected by the apply step. Needs the timestamp; closed with the build.
     */
    public synchronized SetupFileCodec codec() {
        if (codec == null) {
            codec = new SetupFileCodec(workspace, timestamp(), options.threads());
            if (options.packageCache().isPresent() && !options.planOnly()) {
                codec.keepingOutputsIn(options.packageCache().get().compressedOutputs())
                        .keepingVersionsIn(options.packageCache().get().knownVersions());
            }
        }
        return codec;
    }

    private PlanPrelude prelude;
    private Exception preludeFailure;

    /** What the extract step read of the plan while the service pack was extracted (see {@link PlanPrelude}). */
    /** @param failure an {@link IOException} or a {@link RuntimeException}, or {@code null} */
    synchronized void prelude(PlanPrelude p, Exception failure) {
        this.prelude = p;
        this.preludeFailure = failure;
    }

    /**
     * The prelude, if the extract step read one; its failure is thrown here, so that it is reported
     * by the plan step, as it would have been without the prelude.
     */
    synchronized java.util.Optional<PlanPrelude> prelude() throws IOException {
        if (preludeFailure instanceof IOException io) {
            throw io;
        }
        if (preludeFailure instanceof RuntimeException re) {
            throw re;
        }
        return java.util.Optional.ofNullable(prelude);
    }

    private final List<AutoCloseable> heldUntilEnd = new ArrayList<>();

    /** Something the build holds until it ends (a package cache entry it reads), released by {@link #releaseHeld()}. */
    public void holdUntilEnd(AutoCloseable c) {
        synchronized (heldUntilEnd) {
            heldUntilEnd.add(c);
        }
    }

    /** Releases what {@link #holdUntilEnd} collected, the last first. */
    public void releaseHeld() throws Exception {
        Exception first = null;
        synchronized (heldUntilEnd) {
            for (int i = heldUntilEnd.size() - 1; i >= 0; i--) {
                try {
                    heldUntilEnd.get(i).close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            heldUntilEnd.clear();
        }
        if (first != null) {
            throw first;
        }
    }

    /** Stops and waits for any background work on the workspace. */
    public synchronized void closeCodec() {
        if (codec != null) {
            codec.close();
        }
    }

    public Workspace workspace() {
        return workspace;
    }

    public StagedTree tree() {
        return require(tree, "the staged tree");
    }

    public void tree(StagedTree t) {
        this.tree = t;
    }

    public BaseMedia base() {
        return require(base, "the base media");
    }

    public void base(BaseMedia b) {
        this.base = b;
    }

    public MediaFacts facts() {
        return require(facts, "the media facts");
    }

    public void facts(MediaFacts f) {
        this.facts = f;
    }

    /** The date written into every timestamp of the output. */
    public Instant timestamp() {
        return require(timestamp, "the build timestamp");
    }

    public void timestamp(Instant t) {
        this.timestamp = t;
    }

    public ServicePack servicePack() {
        return require(servicePack, "the service pack");
    }

    public void servicePack(ServicePack sp) {
        this.servicePack = sp;
    }

    public List<Hotfix> hotfixes() {
        return hotfixes;
    }

    public Optional<Ie7Package> ie7() {
        return Optional.ofNullable(ie7);
    }

    public void ie7(Ie7Package p) {
        this.ie7 = p;
    }

    /** The addon packs, read and checked against the media, in the order given. */
    public List<dev.slipstream.core.pkg.addon.AddonPack> addons() {
        return addons;
    }

    public IntegrationPlan plan() {
        return require(plan, "the integration plan");
    }

    public Optional<IntegrationPlan> planIfMade() {
        return Optional.ofNullable(plan);
    }

    public void plan(IntegrationPlan p) {
        this.plan = p;
    }

    public Optional<ScanReport> scan() {
        return Optional.ofNullable(scan);
    }

    public void scan(ScanReport r) {
        this.scan = r;
    }

    public Optional<Path> scanLog() {
        return Optional.ofNullable(scanLog);
    }

    public void scanLog(Path p) {
        this.scanLog = p;
    }

    public int convertedFiles() {
        return convertedFiles;
    }

    public void convertedFiles(int n) {
        this.convertedFiles = n;
    }

    /** The Authenticode verdict of every package, in the order they were given. */
    public List<AuthenticodeResult> signatures() {
        return signatures;
    }

    /** Outputs committed so far, removed again if a later step fails. */
    public synchronized List<Path> outputs() {
        return List.copyOf(outputs);
    }

    public synchronized void output(Path p) {
        outputs.add(p);
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException(what + " is read before the step that makes it ran");
        }
        return value;
    }
}
