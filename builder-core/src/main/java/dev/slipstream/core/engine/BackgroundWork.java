package dev.slipstream.core.engine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Waiting for the build's background work, and stopping its thread pools. */
final class BackgroundWork {

    private BackgroundWork() {
    }

    /**
     * Interrupts the pool's tasks and waits until every one has ended, so that nothing writes into
     * the workspace while it is being deleted. An interrupt of the caller does not cut the wait
     * short; it is restored afterwards.
     */
    static void stopAndAwait(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The task's result. Its failure is thrown as it was raised (an {@link IOException}, a
     * {@link RuntimeException} or an {@link Error}), so that a bad input found on a worker reads the
     * same as one found on the caller's thread; an interrupt of the caller is restored and reported
     * as an {@link InterruptedIOException} "while {@code doing}".
     */
    static <T> T result(Future<T> task, String doing) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }
}
