package dev.slipstream.core.engine;

/** Receives the events of a build. Called from the build's threads; implementations must be thread-safe. */
@FunctionalInterface
public interface BuildListener {

    void on(BuildEvent event);

    BuildListener NONE = e -> { };
}
