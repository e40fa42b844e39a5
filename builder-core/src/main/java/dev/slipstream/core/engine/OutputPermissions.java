package dev.slipstream.core.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Gives outputs the permissions a user expects (rw-r--r--, folders rwxr-xr-x): atomic outputs
 * start as private temporary files, which would otherwise keep mode 600 after the rename.
 */
final class OutputPermissions {

    private OutputPermissions() {
    }

    static void publish(Path p) throws IOException {
        if (Files.getFileAttributeView(p, PosixFileAttributeView.class) == null) {
            return;
        }
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
    }
}
