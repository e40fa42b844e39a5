package dev.slipstream.core.engine.hotfix;

import dev.slipstream.core.pe.FileVersion;
import java.util.Locale;
import java.util.Optional;

/**
 * One file of a hotfix's payload branch.
 *
 * @param name the file name as setup knows it, e.g. {@code ntdll.dll} (compared case-insensitively)
 * @param version the VS_FIXEDFILEINFO file version, empty when the file has no version resource
 */
public record PayloadFile(String name, Optional<FileVersion> version) {

    public static PayloadFile of(String name, String version) {
        return new PayloadFile(name, Optional.of(FileVersion.parse(version)));
    }

    public String key() {
        return name.toUpperCase(Locale.ROOT);
    }
}
