package dev.slipstream.core.engine;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Turns the JDK's bare "No space left on device" (a plain IOException from a channel write,
 * naming no file) into an error that says which disk filled up and what to do.
 */
final class DiskFull {

    private static final String ENOSPC = "No space left on device";

    private DiskFull() {
    }

    static boolean isDiskFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            // Exactly the JDK's strerror(ENOSPC): a message with more in it already says where.
            if (c instanceof IOException && !(c instanceof FileSystemException) && ENOSPC.equals(c.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static FileSystemException at(Throwable cause, Path where) {
        FileSystemException e = new FileSystemException(where.toAbsolutePath().toString(), null,
                ENOSPC + " (disk full); nothing was written. Free space there, or choose another --out, --out-tree or --work-dir");
        e.initCause(cause);
        return e;
    }
}
