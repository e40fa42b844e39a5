package dev.slipstream.core.engine;

import dev.slipstream.core.pkg.Branch;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a build is told: the base media, the packages, the policies and the outputs. The
 * CLI (and, later, build profiles) fill it in; the engine only reads it.
 */
public final class BuildOptions {

    /** How hotfixes reach the media. */
    public enum HotfixMode {
        /** Their winning files are slipstreamed; the package registers itself at T-13. */
        INTEGRATE,
        /** Nothing is slipstreamed: the package is copied to SVCPACK and runs at T-13. */
        SVCPACK
    }

    public static final String DEFAULT_IE7_SWITCHES = "/quiet /norestart /update-no";

    private Path base;
    private Path servicePack;
    private final List<Path> hotfixes = new ArrayList<>();
    private Path ie7;
    private final List<Path> addons = new ArrayList<>();
    private Branch.Policy branchPolicy = Branch.Policy.QFE;
    private HotfixMode hotfixMode = HotfixMode.INTEGRATE;
    private String ie7Switches = DEFAULT_IE7_SWITCHES;
    private boolean allowRegressions;
    private boolean force;
    private Path outIso;
    private Path outTree;
    private boolean planOnly;
    private Path workDir;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private Instant timestamp;
    private Path scanLogDir;
    private Path bootImage;
    private final Map<String, String> volumeOverrides = new LinkedHashMap<>();
    private Path catalog;
    private boolean hardLinks = true;
    private boolean allowUnsigned;
    private final List<Path> trustFiles = new ArrayList<>();
    private dev.slipstream.core.cache.PackageCache packageCache;

    public Path base() {
        return base;
    }

    public BuildOptions base(Path p) {
        this.base = p;
        return this;
    }

    public Optional<Path> servicePack() {
        return Optional.ofNullable(servicePack);
    }

    public BuildOptions servicePack(Path p) {
        this.servicePack = p;
        return this;
    }

    /** Hotfix package files, or folders whose {@code *.exe} are hotfixes. */
    public List<Path> hotfixes() {
        return hotfixes;
    }

    public BuildOptions addHotfix(Path p) {
        hotfixes.add(p);
        return this;
    }

    public Optional<Path> ie7() {
        return Optional.ofNullable(ie7);
    }

    public BuildOptions ie7(Path p) {
        this.ie7 = p;
        return this;
    }

    /** RyanVM-style addon packs (.7z or .cab holding entries.ini), applied in the order given. */
    public List<Path> addons() {
        return addons;
    }

    public BuildOptions addAddon(Path p) {
        addons.add(p);
        return this;
    }

    public Branch.Policy branchPolicy() {
        return branchPolicy;
    }

    public BuildOptions branchPolicy(Branch.Policy p) {
        this.branchPolicy = p;
        return this;
    }

    public HotfixMode hotfixMode() {
        return hotfixMode;
    }

    public BuildOptions hotfixMode(HotfixMode m) {
        this.hotfixMode = m;
        return this;
    }

    public String ie7Switches() {
        return ie7Switches;
    }

    public BuildOptions ie7Switches(String s) {
        this.ie7Switches = s;
        return this;
    }

    public boolean allowRegressions() {
        return allowRegressions;
    }

    public BuildOptions allowRegressions(boolean b) {
        this.allowRegressions = b;
        return this;
    }

    /** Build even from media that another tool has already modified. */
    public boolean force() {
        return force;
    }

    public BuildOptions force(boolean b) {
        this.force = b;
        return this;
    }

    public Optional<Path> outIso() {
        return Optional.ofNullable(outIso);
    }

    public BuildOptions outIso(Path p) {
        this.outIso = p;
        return this;
    }

    public Optional<Path> outTree() {
        return Optional.ofNullable(outTree);
    }

    public BuildOptions outTree(Path p) {
        this.outTree = p;
        return this;
    }

    /** Plan only: probe, verify, extract and decide, then stop without writing any output. */
    public boolean planOnly() {
        return planOnly;
    }

    public BuildOptions planOnly(boolean b) {
        this.planOnly = b;
        return this;
    }

    /** Where temporary files go; the default is the system's temporary folder. */
    public Optional<Path> workDir() {
        return Optional.ofNullable(workDir);
    }

    public BuildOptions workDir(Path p) {
        this.workDir = p;
        return this;
    }

    public int threads() {
        return threads;
    }

    public BuildOptions threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, not " + n);
        }
        this.threads = n;
        return this;
    }

    /** The time written into every timestamp (SOURCE_DATE_EPOCH); empty means the base's or the clock. */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    public BuildOptions timestamp(Instant t) {
        this.timestamp = t;
        return this;
    }

    /** Where the pre-build scan log goes; empty: beside the first output. */
    public Optional<Path> scanLogDir() {
        return Optional.ofNullable(scanLogDir);
    }

    public BuildOptions scanLogDir(Path p) {
        this.scanLogDir = p;
        return this;
    }

    /** A boot image that replaces the base's. */
    public Optional<Path> bootImage() {
        return Optional.ofNullable(bootImage);
    }

    public BuildOptions bootImage(Path p) {
        this.bootImage = p;
        return this;
    }

    /** Volume descriptor fields to override (volume, volumeset, publisher, preparer, application). */
    public Map<String, String> volumeOverrides() {
        return volumeOverrides;
    }

    /** A package catalog to verify inputs against instead of the built-in one. */
    public Optional<Path> catalog() {
        return Optional.ofNullable(catalog);
    }

    public BuildOptions catalog(Path p) {
        this.catalog = p;
        return this;
    }

    /** Whether {@code --out-tree} may hard-link unchanged files (the default) rather than copy them. */
    public boolean hardLinks() {
        return hardLinks;
    }

    public BuildOptions hardLinks(boolean b) {
        this.hardLinks = b;
        return this;
    }

    /** Build with packages whose Authenticode signature is missing or not valid (each is warned about). */
    public boolean allowUnsigned() {
        return allowUnsigned;
    }

    public BuildOptions allowUnsigned(boolean b) {
        this.allowUnsigned = b;
        return this;
    }

    /** PEM files of roots trusted besides the built-in Microsoft ones ({@code --trust}). */
    public List<Path> trustFiles() {
        return trustFiles;
    }

    public BuildOptions addTrustFile(Path pem) {
        trustFiles.add(pem);
        return this;
    }

    /** The shared cache packages are extracted into (and reused from); empty: the workspace. */
    public Optional<dev.slipstream.core.cache.PackageCache> packageCache() {
        return Optional.ofNullable(packageCache);
    }

    public BuildOptions packageCache(dev.slipstream.core.cache.PackageCache c) {
        this.packageCache = c;
        return this;
    }
}
