package dev.slipstream.cli;

/**
 * The exit codes of every slipstream command. They are part of the interface that Makefiles and
 * pipelines rely on: documented in docs/cli.md, never renumbered.
 */
public final class ExitCode {

    /** The job was done and found nothing wrong. */
    public static final int OK = 0;
    /** The job ran and found a problem it was asked to look for (checksum mismatch, check error). */
    public static final int PROBLEM_FOUND = 1;
    /** The command line is wrong: unknown option, missing argument. */
    public static final int USAGE = 2;
    /** An input is unreadable as what it claims to be (corrupt, truncated, hostile, wrong kind). */
    public static final int BAD_INPUT = 3;
    /** The environment failed: I/O error, disk full, permission denied, missing file. */
    public static final int IO_FAILURE = 4;
    /** A bug in slipstream; the message asks for a report with --debug output. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCode() {
    }
}
