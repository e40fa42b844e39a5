package dev.slipstream.cli;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Checks every input before any work starts, so a typo in the last argument costs no time. */
final class InputFiles {

    private InputFiles() {
    }

    static void requireRegularFiles(List<Path> files) throws IOException {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new NoSuchFileException(f.toString());
            }
            if (Files.isDirectory(f)) {
                throw new FileSystemException(f.toString(), null, "is a directory; name the files in it");
            }
            if (!Files.isReadable(f)) {
                throw new java.nio.file.AccessDeniedException(f.toString());
            }
        }
    }
}
