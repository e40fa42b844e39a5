package dev.slipstream.cli;

import dev.slipstream.core.engine.BuildEvent;
import dev.slipstream.core.engine.BuildListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Renders build events on stderr. Off a terminal (CI logs, pipes) it prints one line per step
 * with its timing and never a carriage-return frame; on a terminal it also redraws a progress
 * line with bytes and rate while a step runs. Quiet keeps warnings and failures only.
 */
final class BuildEventPrinter implements BuildListener {

    private final PrintWriter err;
    private final boolean tty;
    private final boolean quiet;
    private final boolean verbose;
    private long stepStart;
    private long lastFrame;
    private boolean frameShown;

    BuildEventPrinter(PrintWriter err, boolean tty, boolean quiet) {
        this(err, tty, quiet, false);
    }

    /** Verbose also prints each step's description as it starts, with the bytes it expects. */
    BuildEventPrinter(PrintWriter err, boolean tty, boolean quiet, boolean verbose) {
        this.err = err;
        this.tty = tty;
        this.quiet = quiet;
        this.verbose = verbose && !quiet;
    }

    static boolean stderrIsTerminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public synchronized void on(BuildEvent e) {
        if (e instanceof BuildEvent.StepStarted st) {
            stepStart = System.nanoTime();
            lastFrame = 0;
            if (verbose) {
                err.println(String.format(Locale.ROOT, "[  start] %-16s %s%s", st.step(), st.description(),
                        st.totalBytes() > 0 ? " (" + mib(st.totalBytes()) + ")" : ""));
                err.flush();
            }
        } else if (e instanceof BuildEvent.StepProgress p) {
            if (tty && !quiet) {
                long now = System.nanoTime();
                if (now - lastFrame > 200_000_000L) {
                    lastFrame = now;
                    double secs = Math.max(1e-3, (now - stepStart) / 1e9);
                    String total = p.totalBytes() > 0 ? " / " + mib(p.totalBytes()) : "";
                    double rate = p.doneBytes() / secs;
                    String eta = p.totalBytes() > 0 && rate > 0 && p.doneBytes() <= p.totalBytes()
                            ? String.format(Locale.ROOT, "  ETA %ds", (long) Math.ceil((p.totalBytes() - p.doneBytes()) / rate)) : "";
                    err.print("\r" + p.step() + ": " + mib(p.doneBytes()) + total
                            + String.format(Locale.ROOT, "  %.1f MiB/s", rate / 1048576.0) + eta + "   ");
                    err.flush();
                    frameShown = true;
                }
            }
        } else if (e instanceof BuildEvent.Warning w) {
            clearFrame();
            err.println("slipstream: warning: " + w.message());
            err.flush();
        } else if (e instanceof BuildEvent.StepFinished f) {
            clearFrame();
            if (!quiet) {
                err.println(String.format(Locale.ROOT, "[%7s] %-16s %s", seconds(f.elapsed()), f.step(), f.summary()));
                err.flush();
            }
        } else if (e instanceof BuildEvent.StepFailed f) {
            clearFrame();
            err.println(String.format(Locale.ROOT, "[%7s] %-16s FAILED", seconds(f.elapsed()), f.step()));
            err.flush();
        }
    }

    private void clearFrame() {
        if (frameShown) {
            err.print("\r" + " ".repeat(78) + "\r");
            frameShown = false;
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2fs", d.toNanos() / 1e9);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
