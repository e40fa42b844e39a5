package dev.slipstream.core.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one way the cache writes its small files (remembered hashes and versions, kept outputs). */
final class CacheFiles {

    /** Fills a temporary file. */
    @FunctionalInterface
    interface Filler {
        void fill(Path tmp) throws IOException;
    }

    private CacheFiles() {
    }

    /** The SHA-256 of a key's text, in lower-case hex: the names of the cache's small files. */
    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
