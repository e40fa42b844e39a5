package dev.slipstream.core.engine;

/**
 * One job of a build: probe the media, verify the packages, extract them, plan, apply, check,
 * master. Steps share state through the {@link BuildContext}; each reads what earlier steps put
 * there and adds its own result.
 */
public interface BuildStep {

    /** A stable identifier for logs and reports, e.g. {@code probe-media}. */
    String id();

    /** What the step does, in the words of the one-line log: "Probing the base media". */
    String description();

    /** The bytes the step will process, when known before it runs (-1 otherwise). */
    default long expectedBytes(BuildContext context) {
        return -1;
    }

    void run(BuildContext context, StepReporter reporter) throws Exception;

    /**
     * Called once the step's finished or failed event has been delivered, with the failure or
     * null: a step that other steps of its stage wait on releases them here, so that its own
     * outcome is reported before theirs.
     */
    default void reported(Throwable failure) {
    }
}
