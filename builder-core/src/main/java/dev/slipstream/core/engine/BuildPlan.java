package dev.slipstream.core.engine;

import java.time.Duration;
import java.util.List;

/**
 * An ordered list of steps, run one after the other against one context. Every step emits a
 * started event and either a finished or a failed event, so a log never ends mid-step without
 * saying why.
 */
public final class BuildPlan {

    private final List<BuildStep> steps;

    public BuildPlan(List<BuildStep> steps) {
        this.steps = List.copyOf(steps);
    }

    public List<BuildStep> steps() {
        return steps;
    }

    /** Runs every step in order; the first failure stops the plan and is rethrown as is. */
    public void run(BuildContext context, BuildListener listener) throws Exception {
        for (BuildStep step : steps) {
            long t0 = System.nanoTime();
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
        }
    }
}
