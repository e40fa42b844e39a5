package dev.slipstream.core.profile;

import dev.slipstream.core.engine.BuildOptions;
import dev.slipstream.core.pkg.Branch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One image of a factory, as a build profile INI file describes it: every value is optional
 * here, because the command line may supply or override any of them. Paths are already resolved
 * against the profile's folder. See docs/profiles.md for the file format.
 */
public final class BuildProfile {

    final Path source;
    Path base;
    Path servicePack;
    Path ie7;
    String ie7Switches;
    Path catalog;
    final List<Path> hotfixes = new ArrayList<>();
    final List<Path> addons = new ArrayList<>();
    boolean hotfixesGiven;
    Branch.Policy branch;
    BuildOptions.HotfixMode hotfixMode;
    Boolean allowRegressions;
    Boolean allowUnsigned;
    Boolean force;
    Integer threads;
    Boolean hardLinks;
    final Map<String, String> volume = new LinkedHashMap<>();
    Path bootImage;
    Path outIso;
    Path outTree;
    Path depfile;
    Path report;
    Path scanLogDir;
    Path workDir;
    Path cache;

    BuildProfile(Path source) {
        this.source = source;
    }

    /** The profile file itself: an input of the build like any package. */
    public Path source() {
        return source;
    }

    public Optional<Path> base() {
        return Optional.ofNullable(base);
    }

    public Optional<Path> servicePack() {
        return Optional.ofNullable(servicePack);
    }

    public Optional<Path> ie7() {
        return Optional.ofNullable(ie7);
    }

    public Optional<String> ie7Switches() {
        return Optional.ofNullable(ie7Switches);
    }

    public Optional<Path> catalog() {
        return Optional.ofNullable(catalog);
    }

    /** The addon packs ({@code addon =} lines of [packages]), in the order written. */
    public List<Path> addons() {
        return List.copyOf(addons);
    }

    /** The hotfix files and folders, in the order written. */
    public List<Path> hotfixes() {
        return List.copyOf(hotfixes);
    }

    /** True when the profile has a {@code [hotfixes]} section, even an empty one (no hotfixes). */
    public boolean hotfixesGiven() {
        return hotfixesGiven;
    }

    public Optional<Branch.Policy> branch() {
        return Optional.ofNullable(branch);
    }

    public Optional<BuildOptions.HotfixMode> hotfixMode() {
        return Optional.ofNullable(hotfixMode);
    }

    public Optional<Boolean> allowRegressions() {
        return Optional.ofNullable(allowRegressions);
    }

    public Optional<Boolean> force() {
        return Optional.ofNullable(force);
    }

    public Optional<Integer> threads() {
        return Optional.ofNullable(threads);
    }

    public Optional<Boolean> hardLinks() {
        return Optional.ofNullable(hardLinks);
    }

    /** Volume descriptor fields by the engine's override names (volume, volumeset, publisher, preparer, application). */
    public Map<String, String> volume() {
        return Map.copyOf(volume);
    }

    public Optional<Path> bootImage() {
        return Optional.ofNullable(bootImage);
    }

    public Optional<Path> outIso() {
        return Optional.ofNullable(outIso);
    }

    public Optional<Path> outTree() {
        return Optional.ofNullable(outTree);
    }

    public Optional<Path> depfile() {
        return Optional.ofNullable(depfile);
    }

    public Optional<Path> report() {
        return Optional.ofNullable(report);
    }

    public Optional<Path> scanLogDir() {
        return Optional.ofNullable(scanLogDir);
    }

    public Optional<Path> workDir() {
        return Optional.ofNullable(workDir);
    }

    public Optional<Path> cache() {
        return Optional.ofNullable(cache);
    }

    /** Build options holding everything this profile says; the command line then overrides them. */
    public BuildOptions toOptions() {
        BuildOptions o = new BuildOptions().base(base).servicePack(servicePack).ie7(ie7).catalog(catalog)
                .bootImage(bootImage).outIso(outIso).outTree(outTree).scanLogDir(scanLogDir).workDir(workDir);
        ie7Switches().ifPresent(o::ie7Switches);
        hotfixes.forEach(o::addHotfix);
        addons.forEach(o::addAddon);
        branch().ifPresent(o::branchPolicy);
        hotfixMode().ifPresent(o::hotfixMode);
        allowRegressions().ifPresent(o::allowRegressions);
        if (allowUnsigned != null) {
            o.allowUnsigned(allowUnsigned);
        }
        force().ifPresent(o::force);
        threads().ifPresent(o::threads);
        hardLinks().ifPresent(o::hardLinks);
        o.volumeOverrides().putAll(volume);
        return o;
    }
}
