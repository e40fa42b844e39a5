package dev.slipstream.core.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Stopping the build's thread pools. */
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
}
