package dev.slipstream.core.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The one way the cache writes its small files (remembered hashes and versions, kept outputs). */
final class CacheFiles {

    /** Fills a temporary file. */
    @FunctionalInterface
    interface Filler {
        void fill(Path tmp) throws IOException;
    }

    private CacheFiles() {
    }

    /**
     * Writes {@code target} whole or not at all: filled as a temporary in {@code tmpDir} (on the
     * cache's file system), then renamed over it, so a reader sees a whole file or none. A failure
     * only loses a shortcut for a later build (a read-only cache, a full disk), so it is swallowed.
     *
     * @return whether the file was written
     */
    static boolean replaceQuietly(Path tmpDir, String prefix, Path target, Filler filler) {
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(tmpDir, prefix, ".tmp");
            filler.fill(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // a stale temporary: cache prune removes it
                }
            }
        }
    }
}
