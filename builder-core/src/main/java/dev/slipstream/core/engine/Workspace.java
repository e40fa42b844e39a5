package dev.slipstream.core.engine;

import dev.slipstream.core.io.AtomicOutput;
import dev.slipstream.core.io.TempOwnership;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A build's temporary space: extracted package files, recompressed {@code _} files, rewritten
 * INFs. Everything in it is deleted when the build ends, whether it succeeded or failed.
 */
public final class Workspace implements AutoCloseable {

    /** The name prefix of a workspace created beside the output. */
    public static final String PREFIX = ".slipstream-build-";

    private final Path root;
    private final TempOwnership ownership;

    private Workspace(Path root) throws IOException {
        this.root = root;
        // Locked while the build runs: a killed build's workspace is recognised and removed by
        // the next build's cleanStale, a concurrent build's is left alone.
        this.ownership = TempOwnership.claimFolder(root);
    }

    /**
     * Removes the workspaces that killed builds left in {@code parent} (kill -9 runs no cleanup).
     *
     * @return how many were removed
     */
    public static int cleanStale(Path parent) throws IOException {
        return AtomicOutput.cleanStale(parent, PREFIX);
    }

    /** Creates a fresh folder under {@code parent}, or under the system's temporary folder. */
    public static Workspace create(Path parent) throws IOException {
        if (parent != null) {
            Files.createDirectories(parent);
            return new Workspace(Files.createTempDirectory(parent, PREFIX));
        }
        return new Workspace(Files.createTempDirectory("slipstream-build-"));
    }

    public Path root() {
        return root;
    }

    /** A new, empty folder for one purpose, e.g. one package's extraction. */
    public Path folder(String purpose) throws IOException {
        return Files.createTempDirectory(root, purpose.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
    }

    /** A new, empty file. */
    public Path file(String purpose) throws IOException {
        return Files.createTempFile(root, purpose.replaceAll("[^A-Za-z0-9._-]", "_") + "-", "");
    }

    @Override
    public void close() throws IOException {
        try {
            ownership.close();
        } finally {
            deleteTree(root);
        }
    }

    /** Deletes a folder and everything in it; a missing folder is fine. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
