package dev.slipstream.core.check;

/** How bad a finding is. Errors make {@code slipstream check} exit with 1 and stop a build. */
public enum Severity {
    /** Setup will fail or install the wrong file. */
    ERROR,
    /** Suspicious or wasteful; setup may still work. */
    WARNING,
    /** A note about what the check could not do. */
    INFO
}
