package dev.slipstream.core.engine;

import dev.slipstream.core.pe.FileVersion;
import dev.slipstream.core.pe.PeReader;
import dev.slipstream.core.pe.VersionInfo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/** Reads the VS_FIXEDFILEINFO file version of a file: the only thing version decisions look at. */
public final class FileVersions {

    private FileVersions() {
    }

    /**
     * @return the version, or empty when the file is not a PE image or has no version resource
     * @throws dev.slipstream.core.error.BadInputException when the file looks like a PE image but
     *     its headers or version resource are corrupt
     */
    public static Optional<FileVersion> of(Path file, String describe) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (!PeReader.looksLikePe(ch)) {
                return Optional.empty();
            }
            try (PeReader r = PeReader.of(ch, describe)) {
                return r.versionInfo().flatMap(VersionInfo::fileVersion);
            }
        }
    }

    /** The translations (language id | code page &lt;&lt; 16) the version resource declares; empty for non-PE files. */
    public static java.util.List<Integer> translations(Path file, String describe) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (!PeReader.looksLikePe(ch)) {
                return java.util.List.of();
            }
            try (PeReader r = PeReader.of(ch, describe)) {
                return r.versionInfo().map(VersionInfo::translations).orElse(java.util.List.of());
            }
        }
    }
}
