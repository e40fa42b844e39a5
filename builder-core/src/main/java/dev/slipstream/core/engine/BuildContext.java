package dev.slipstream.core.engine;

import dev.slipstream.core.authenticode.AuthenticodeResult;
import dev.slipstream.core.engine.hotfix.ScanReport;
import dev.slipstream.core.pkg.Hotfix;
import dev.slipstream.core.pkg.Ie7Package;
import dev.slipstream.core.pkg.ServicePack;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
