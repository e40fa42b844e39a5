package dev.slipstream.core.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Steps run against one context, in stages: the stages one after the other, the steps of one
 * stage at the same time (the check of the result while the ISO is mastered into its temporary
 * file). Every step emits a started event and either a finished or a failed event, so a log never
 * ends mid-step without saying why.
 */
public final class BuildPlan {

    private final List<List<BuildStep>> stages;

    /** One step after the other. */
    public BuildPlan(List<BuildStep> steps) {
        this(steps.stream().map(List::of).toList(), true);
    }

    private BuildPlan(List<List<BuildStep>> stages, boolean copy) {
        List<List<BuildStep>> s = new ArrayList<>();
        for (List<BuildStep> stage : stages) {
            if (!stage.isEmpty()) {
                s.add(List.copyOf(stage));
            }
        }
        this.stages = List.copyOf(s);
    }

    /**
     * Stages run in order; the steps of a stage run concurrently. Steps that share a stage must
     * not depend on each other's results except through an explicit gate ({@link CheckGate}).
     */
    public static BuildPlan ofStages(List<List<BuildStep>> stages) {
        return new BuildPlan(stages, true);
    }

    /** Every step, in stage order. */
    public List<BuildStep> steps() {
        return stages.stream().flatMap(List::stream).toList();
    }

    public List<List<BuildStep>> stages() {
        return stages;
    }

    /**
     * Runs every stage in order; the first failure stops the plan and is rethrown as is. In a
     * stage of several steps, every step runs to its end (a failure of one is seen by the others
     * through their gates), and the failure of the earliest step in plan order is rethrown.
     */
    public void run(BuildContext context, BuildListener listener) throws Exception {
        BuildListener serial = listener;
        for (List<BuildStep> stage : stages) {
            if (stage.size() == 1) {
                runStep(stage.get(0), context, serial);
                continue;
            }
            // Events of the steps of one stage are delivered one at a time, so their lines never interleave.
            Object lock = new Object();
            BuildListener shared = e -> {
                synchronized (lock) {
                    listener.on(e);
                }
            };
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (BuildStep step : stage.subList(1, stage.size())) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                Thread t = new Thread(() -> {
                    try {
                        runStep(step, context, shared);
                        f.complete(null);
                    } catch (Throwable e) {
                        f.completeExceptionally(e);
                    }
                }, "slipstream-" + step.id());
                t.setDaemon(true);
                t.start();
                running.add(f);
            }
            Throwable first = null;
            try {
                runStep(stage.get(0), context, shared);
            } catch (Exception | Error e) {
                first = e;
            }
            for (CompletableFuture<Void> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first instanceof Exception ex) {
                throw ex;
            }
            if (first instanceof Error err) {
                throw err;
            }
            if (first != null) {
                throw new IllegalStateException(first);
            }
        }
    }

    private static void runStep(BuildStep step, BuildContext context, BuildListener listener) throws Exception {
        long t0 = System.nanoTime();
        Throwable outcome = null;
        try {
            StepReporter reporter = new StepReporter(step.id(), listener);
            long expected = step.expectedBytes(context);
            reporter.total(expected);
            listener.on(new BuildEvent.StepStarted(step.id(), step.description(), expected));
            try {
                step.run(context, reporter);
            } catch (Exception | Error e) {
                listener.on(new BuildEvent.StepFailed(step.id(), Duration.ofNanos(System.nanoTime() - t0),
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                throw e;
            }
            listener.on(new BuildEvent.StepFinished(step.id(), Duration.ofNanos(System.nanoTime() - t0),
                    reporter.summaryLine()));
        } catch (Exception | Error e) {
            outcome = e;
            throw e;
        } finally {
            // Whatever happened, including a listener that threw: steps waiting on this one must not wait forever.
            step.reported(outcome);
        }
    }
}
