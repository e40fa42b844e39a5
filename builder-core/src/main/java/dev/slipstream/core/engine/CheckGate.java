package dev.slipstream.core.engine;

import dev.slipstream.core.error.ProblemFoundException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Lets an output be written while the result is still being checked, and published only once the
 * check passed: the ISO is mastered into its temporary file alongside the check, and renamed into
 * place only through this gate. So "any error stops the build before an output exists" holds.
 */
public final class CheckGate {

    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    /** A gate already open: for steps run without a check (tests, tools reusing a step). */
    public static CheckGate open() {
        CheckGate g = new CheckGate();
        g.passed();
        return g;
    }

    void passed() {
        outcome.complete(null);
    }

    void failed(Throwable why) {
        outcome.completeExceptionally(why);
    }

    /** The check's outcome: {@code null} when it passed, else why it failed. */
    void settle(Throwable failure) {
        if (failure == null) {
            passed();
        } else {
            failed(failure);
        }
    }

    boolean hasFailed() {
        return outcome.isCompletedExceptionally();
    }

    /** Waits for the check; throws when it failed, so that the caller discards its output. */
    void await(String what) throws ProblemFoundException, InterruptedIOException {
        try {
            outcome.get();
        } catch (ExecutionException e) {
            throw new ProblemFoundException(what + " was not written: the check of the result failed ("
                    + e.getCause().getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the check of the result");
        }
    }
}
