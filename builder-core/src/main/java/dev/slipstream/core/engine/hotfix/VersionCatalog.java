package dev.slipstream.core.engine.hotfix;

import dev.slipstream.core.pe.FileVersion;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The file versions of one set of files (the base media, SP2's payload, a built tree), by file
 * name, case-insensitively. A file may be present without a version (no version resource).
 */
public final class VersionCatalog {

    private final String label;
    private final Map<String, Optional<FileVersion>> versions = new HashMap<>();

    public VersionCatalog(String label) {
        this.label = label;
    }

    /** What the catalog describes, for reasons: "SP2", "the base media". */
    public String label() {
        return label;
    }

    public synchronized VersionCatalog put(String name, Optional<FileVersion> version) {
        versions.put(name.toUpperCase(Locale.ROOT), version);
        return this;
    }

    public VersionCatalog put(String name, String version) {
        return put(name, Optional.of(FileVersion.parse(version)));
    }

    public synchronized boolean has(String name) {
        return versions.containsKey(name.toUpperCase(Locale.ROOT));
    }

    /** The version of {@code name}, empty when absent or unversioned. */
    public synchronized Optional<FileVersion> version(String name) {
        return versions.getOrDefault(name.toUpperCase(Locale.ROOT), Optional.empty());
    }

    public synchronized int size() {
        return versions.size();
    }
}
