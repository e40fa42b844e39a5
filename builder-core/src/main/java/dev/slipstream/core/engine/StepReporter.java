package dev.slipstream.core.engine;

import java.util.concurrent.atomic.AtomicLong;

/** What a running step uses to report progress and warnings; thread-safe. */
public final class StepReporter {

    private final String step;
    private final BuildListener listener;
    private final AtomicLong done = new AtomicLong();
    private volatile long total = -1;
    private volatile String summary = "";

    StepReporter(String step, BuildListener listener) {
        this.step = step;
        this.listener = listener;
    }

    /** A reporter that goes nowhere, for using a step's logic outside a plan. */
    public static StepReporter silent(String step) {
        return new StepReporter(step, BuildListener.NONE);
    }

    public String step() {
        return step;
    }

    public void total(long bytes) {
        this.total = bytes;
    }

    /** Adds {@code bytes} to the work done and reports the new total. */
    public void advance(long bytes) {
        long now = done.addAndGet(bytes);
        listener.on(new BuildEvent.StepProgress(step, now, total));
    }

    public void warn(String message) {
        listener.on(new BuildEvent.Warning(step, message));
    }

    /** The line the step's "finished" event carries. */
    public void summary(String line) {
        this.summary = line;
    }

    String summaryLine() {
        return summary;
    }
}
