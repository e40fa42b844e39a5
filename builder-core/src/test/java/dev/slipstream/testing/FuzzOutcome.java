package dev.slipstream.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.slipstream.core.error.BadInputException;

/**
 * The contract every fuzz target checks: whatever the bytes, a parser gives a result or one of our
 * typed exceptions, within a bounded time and a bounded allocation. Anything else (a
 * RuntimeException, an Error such as OutOfMemoryError or StackOverflowError, a plain IOException
 * that the CLI would report as an environment failure, a hang) fails the input, which Jazzer then
 * keeps as a finding.
 *
 * <p>Each input runs on one reused worker thread so that a hang fails after {@link #TIMEOUT_SECONDS}
 * instead of stalling the build, and so that the bytes the input made the thread allocate can be
 * measured: a parser that sizes a buffer from a header it did not check shows up here even when
 * the heap happens to be large enough. (An input during which classes were loaded is not judged on
 * allocation: the agent's instrumentation of new classes allocates in the loading thread.)
 */
public final class FuzzOutcome {

    /** Per input; generous because the build machine may be loaded. */
    public static final long TIMEOUT_SECONDS = Long.getLong("slipstream.fuzz.timeout", 20);

    /**
     * Bytes one input may make the parser allocate in total. The largest legitimate buffers are an
     * LZX window (2 MiB), a Quantum window (2 MiB) and a few 64 KiB transfer buffers.
     */
    public static final long MAX_ALLOCATED_BYTES = Long.getLong("slipstream.fuzz.maxAllocated", 256L << 20);

    /** Replaced after a hang: the stuck thread cannot be stopped, but later inputs must not queue behind it. */
    private static volatile ExecutorService worker = newWorker();

    private static volatile Path scratch;

    private FuzzOutcome() {
    }

    /** A step of a fuzz target: parse, walk, read. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step}; returns normally when it produced a result or threw one of
     * {@code accepted} (BadInputException is always accepted), fails otherwise.
     */
    @SafeVarargs
    public static void expectResultOrTyped(String target, Step step, Class<? extends Exception>... accepted) {
        expectResultOrTyped(target, TIMEOUT_SECONDS * 1000, MAX_ALLOCATED_BYTES, step, accepted);
    }

    /** As above with explicit limits (the harness's own tests use short ones). */
    @SafeVarargs
    public static void expectResultOrTyped(String target, long timeoutMillis, long maxAllocated, Step step,
            Class<? extends Exception>... accepted) {
        Future<Throwable> f = worker.submit(() -> {
            com.sun.management.ThreadMXBean mx = threadBean();
            long classesBefore = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
            long before = mx.getCurrentThreadAllocatedBytes();
            Throwable thrown = null;
            try {
                step.run();
            } catch (Throwable t) {
                thrown = t;
            }
            long allocated = mx.getCurrentThreadAllocatedBytes() - before;
            // Loading a class runs Jazzer's instrumentation in this thread and allocates tens of
            // MiB that are not the parser's; such an input (one of the first few) is not judged.
            boolean loadedClasses = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() != classesBefore;
            if (thrown == null && !loadedClasses && allocated > maxAllocated) {
                thrown = new AssertionError(target + ": one input made the parser allocate " + allocated
                        + " bytes (limit " + maxAllocated + "): a size from the input is trusted");
            }
            return thrown;
        });
        Throwable t;
        try {
            t = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError(target + ": no result after " + timeoutMillis + " ms: a loop the input controls");
        } catch (ExecutionException e) {
            throw new AssertionError(target + ": harness failure", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(target + ": interrupted", e);
        }
        if (t == null || t instanceof BadInputException) {
            return;
        }
        for (Class<? extends Exception> c : accepted) {
            if (c.isInstance(t)) {
                return;
            }
        }
        if (t instanceof AssertionError a) {
            throw a;
        }
        if (t instanceof IOException) {
            throw new AssertionError(target + ": bad input reported as an I/O failure (exit 4, not 3): " + t, t);
        }
        // RuntimeExceptions and Errors (and Jazzer's sanitizer findings) are rethrown as they are,
        // so that Jazzer deduplicates them by their own stack trace.
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new AssertionError(target + ": unexpected " + t, t);
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-target");
            t.setDaemon(true);
            return t;
        });
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        return (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    }

    /**
     * A scratch directory for targets whose reader takes a path: in memory (/dev/shm) when the
     * machine has it, removed when the JVM exits.
     */
    public static Path scratchDir() throws IOException {
        Path dir = scratch;
        if (dir == null) {
            synchronized (FuzzOutcome.class) {
                dir = scratch;
                if (dir == null) {
                    Path shm = Path.of("/dev/shm");
                    dir = Files.isDirectory(shm) && Files.isWritable(shm)
                            ? Files.createTempDirectory(shm, "slipstream-fuzz-")
                            : Files.createTempDirectory("slipstream-fuzz-");
                    Path created = dir;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created)));
                    scratch = dir;
                }
            }
        }
        return dir;
    }

    /** Writes {@code data} to {@code name} in the scratch directory, replacing what was there. */
    public static Path scratchFile(String name, byte[] data) throws IOException {
        Path p = scratchDir().resolve(name);
        Files.write(p, data);
        return p;
    }

    /** Writes {@code prefix} zero bytes and then {@code data}. */
    public static Path scratchFile(String name, int zeroPrefix, byte[] data) throws IOException {
        Path p = scratchDir().resolve(name);
        try (var out = Files.newOutputStream(p)) {
            out.write(new byte[zeroPrefix]);
            out.write(data);
        }
        return p;
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            List<Path> all = s.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
