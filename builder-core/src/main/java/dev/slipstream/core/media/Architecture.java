package dev.slipstream.core.media;

import java.util.Optional;

/** The architectures of Windows Server 2003 media, with setup's names for them and their folders. */
public enum Architecture {
    X86("x86", "I386"),
    AMD64("amd64", "AMD64"),
    IA64("ia64", "IA64");

    private final String setupName;
    private final String folder;

    Architecture(String setupName, String folder) {
        this.setupName = setupName;
        this.folder = folder;
    }

    /** The suffix setup uses in section names: {@code [SourceDisksFiles.x86]}. */
    public String setupName() {
        return setupName;
    }

    /** The folder on the media: I386, AMD64, IA64. */
    public String folder() {
        return folder;
    }

    public static Optional<Architecture> ofFolder(String name) {
        for (Architecture a : values()) {
            if (a.folder.equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
