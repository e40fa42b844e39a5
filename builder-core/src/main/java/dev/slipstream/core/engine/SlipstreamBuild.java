package dev.slipstream.core.engine;

import dev.slipstream.core.error.ProblemFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code slipstream build}: runs the steps of a build against one set of options, in a workspace
 * that is always deleted. On failure every output the build had already committed is removed, so
 * a failed build leaves nothing behind; the base media are only ever read.
 */
public final class SlipstreamBuild {

    private SlipstreamBuild() {
    }

    /** The steps for these options: up to the plan with {@code --plan}, else through the outputs. */
    public static BuildPlan planFor(BuildOptions o) {
        List<BuildStep> steps = new ArrayList<>(List.of(new ProbeMediaStep(), new VerifyPackagesStep(),
                new ExtractPackagesStep(), new PlanIntegrationStep()));
        if (!o.addons().isEmpty()) {
            steps.add(1, new dev.slipstream.core.engine.addon.ReadAddonsStep()); // checked against the media before any work
        }
        if (!o.planOnly()) {
            steps.add(new ApplyToStagedTreeStep());
        }
        List<List<BuildStep>> stages = new ArrayList<>();
        steps.forEach(s -> stages.add(List.of(s)));
        if (!o.planOnly()) {
            // The ISO is mastered into its temporary file while the result is checked, and renamed
            // into place only once the check passed.
            CheckGate checked = new CheckGate();
            List<BuildStep> checkAndMaster = new ArrayList<>();
            checkAndMaster.add(new CheckResultStep(checked));
            if (o.outIso().isPresent()) {
                checkAndMaster.add(new MasterIsoStep(checked));
            }
            stages.add(checkAndMaster);
            if (o.outTree().isPresent()) {
                stages.add(List.of(new MaterializeTreeStep()));
            }
        }
        return BuildPlan.ofStages(stages);
    }

    public static BuildResult run(BuildOptions o, BuildListener listener) throws Exception {
        checkOutputs(o);
        cleanStaleTemporaries(o);
        try (Workspace ws = Workspace.create(o.workDir().orElseGet(() -> defaultWorkDir(o)))) {
            BuildContext ctx = new BuildContext(o, ws);
            if (o.packageCache().isPresent() && !o.planOnly()) {
                o.servicePack().ifPresent(ctx::hashAhead);
            }
            // The step that failed first (steps of one stage run together), else the last one started.
            String[] step = {"", null};
            // Closed in reverse: background work on the extracted trees stops before their cache entries are let go.
            try (AutoCloseable cacheEntries = ctx::releaseHeld; AutoCloseable background = ctx::closeCodec) {
                planFor(o).run(ctx, e -> {
                    if (e instanceof BuildEvent.StepStarted s) {
                        step[0] = s.step();
                    } else if (e instanceof BuildEvent.StepFailed f && step[1] == null) {
                        step[1] = f.step();
                    }
                    listener.on(e);
                });
            } catch (Exception | Error e) {
                for (Path p : ctx.outputs()) {
                    if (Files.isDirectory(p)) {
                        Workspace.deleteTree(p);
                    } else {
                        Files.deleteIfExists(p);
                    }
                }
                // A blocked build keeps its scan log: it is the explanation. Any other failure keeps nothing.
                if (!(e instanceof ProblemFoundException) && ctx.scanLog().isPresent()) {
                    Files.deleteIfExists(ctx.scanLog().get());
                }
                if (DiskFull.isDiskFull(e)) {
                    throw DiskFull.at(e, whereWritten(o, ws, step[1] != null ? step[1] : step[0]));
                }
                throw e;
            }
            return BuildResult.of(ctx);
        }
    }

    /** What the step that failed was writing: the JDK's "No space left on device" names no file. */
    private static Path whereWritten(BuildOptions o, Workspace ws, String step) {
        if (step.equals("master-iso") && o.outIso().isPresent()) {
            return o.outIso().get();
        }
        if (step.equals("write-tree") && o.outTree().isPresent()) {
            return o.outTree().get();
        }
        return ws.root().getParent();
    }

    /**
     * A build killed with kill -9 (or a power cut) runs no cleanup: its workspace and the
     * temporaries of its outputs stay beside the output. The next build into the same place
     * removes them; a concurrent build's are still locked by it and are kept.
     */
    static void cleanStaleTemporaries(BuildOptions o) throws IOException {
        if (o.planOnly()) {
            return;
        }
        java.util.Set<Path> dirs = new java.util.LinkedHashSet<>();
        o.outIso().ifPresent(p -> dirs.add(p.toAbsolutePath().normalize().getParent()));
        o.outTree().ifPresent(p -> dirs.add(p.toAbsolutePath().normalize().getParent()));
        Path work = o.workDir().orElseGet(() -> defaultWorkDir(o));
        if (work != null) {
            dirs.add(work.toAbsolutePath().normalize());
        }
        for (Path d : dirs) {
            Workspace.cleanStale(d);
            dev.slipstream.core.io.AtomicOutput.cleanStale(d);
        }
    }

    /**
     * Temporary space beside the output: on the output's file system, so the check view and the
     * output tree can hard-link instead of copy. {@code null} (the system's) for a plan.
     */
    static Path defaultWorkDir(BuildOptions o) {
        if (o.planOnly()) {
            return null;
        }
        return o.outTree().or(o::outIso).map(p -> p.toAbsolutePath().normalize().getParent()).orElse(null);
    }

    /** Refuses, before any work, outputs that cannot be written or that would land in the base media. */
    static void checkOutputs(BuildOptions o) throws IOException {
        if (o.base() == null) {
            throw new IllegalArgumentException("no base media given: pass --base DIR|ISO");
        }
        if (!o.planOnly() && o.outIso().isEmpty() && o.outTree().isEmpty()) {
            throw new IllegalArgumentException("no output given: pass --out FILE.iso and/or --out-tree DIR (or --plan)");
        }
        Path base = o.base().toAbsolutePath().normalize();
        for (Path out : new Path[] {o.outIso().orElse(null), o.outTree().orElse(null)}) {
            if (out == null || o.planOnly()) {
                continue;
            }
            Path abs = out.toAbsolutePath().normalize();
            if (abs.equals(base) || (Files.isDirectory(base) && abs.startsWith(base))) {
                throw new IllegalArgumentException("the output " + out + " would be written into the base media "
                        + o.base() + ", which a build never modifies; choose a path outside it");
            }
            Path dir = abs.getParent();
            while (dir != null && !Files.exists(dir)) {
                dir = dir.getParent();
            }
            if (dir == null || !Files.isDirectory(dir)) {
                throw new FileSystemException(dir == null ? abs.toString() : dir.toString(), null,
                        "is not a folder, so " + out + " cannot be written; choose another output path");
            }
            if (Files.getFileStore(dir).isReadOnly()) {
                throw new FileSystemException(dir.toString(), null,
                        "is on a read-only file system, so " + out + " cannot be written; choose another output path");
            }
            if (!Files.isWritable(dir)) {
                throw new AccessDeniedException(dir.toString(), null, "cannot write " + out + " there");
            }
        }
    }
}
