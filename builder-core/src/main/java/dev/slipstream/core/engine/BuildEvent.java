package dev.slipstream.core.engine;

import java.time.Duration;

/**
 * What a running build reports, in order: each step starts, may report progress in bytes and
 * warnings, and finishes (or fails). Progress bars, the one-line-per-step CI log and the JSON
 * report are all renderings of this stream.
 */
public sealed interface BuildEvent {

    /** The step's stable identifier, e.g. {@code probe-media}. */
    String step();

    /**
     * @param totalBytes the bytes the step expects to process, or -1 when unknown
     */
    record StepStarted(String step, String description, long totalBytes) implements BuildEvent {
    }

    record StepProgress(String step, long doneBytes, long totalBytes) implements BuildEvent {
    }

    /** Something the build engineer should read; the build goes on. */
    record Warning(String step, String message) implements BuildEvent {
    }

    /**
     * @param summary one line saying what the step did, e.g. "replaced 1,204 files, added 96"
     */
    record StepFinished(String step, Duration elapsed, String summary) implements BuildEvent {
    }

    record StepFailed(String step, Duration elapsed, String message) implements BuildEvent {
    }
}
