package dev.slipstream.core.cab;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the other parts of a cabinet set by the names the headers give, in the folder of the
 * cabinet that names them. Windows file names are case-insensitive and set names are usually
 * upper case ("Split-2.CAB") while copies are often lower case, so the match ignores case, with an
 * exact match preferred. Directory parts of a stored name are ignored: a header cannot send us
 * to another folder.
 */
final class CabinetSetLocator {

    private CabinetSetLocator() {
    }

    /** The file in {@code dir} called {@code name} (ignoring case), or {@code null}. */
    static Path resolve(Path dir, String name) throws IOException {
        if (name == null || name.isEmpty()) {
            return null;
        }
        String base = name;
        int cut = Math.max(base.lastIndexOf('\\'), Math.max(base.lastIndexOf('/'), base.lastIndexOf(':')));
        base = base.substring(cut + 1);
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            return null;
        }
        Path exact = dir.resolve(base);
        if (Files.isRegularFile(exact)) {
            return exact;
        }
        Path found = null;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (p.getFileName().toString().equalsIgnoreCase(base) && Files.isRegularFile(p)) {
                    if (found == null || p.getFileName().toString().compareTo(found.getFileName().toString()) < 0) {
                        found = p;
                    }
                }
            }
        }
        return found;
    }
}
