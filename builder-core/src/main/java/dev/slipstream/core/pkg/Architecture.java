package dev.slipstream.core.pkg;

import java.util.Locale;
import java.util.Optional;

/**
 * The processor architectures Windows Server 2003 SP2 ships for, with the names each one goes by:
 * the token in Microsoft's package names, the setup folder on the media, the suffix of the
 * TXTSETUP/LAYOUT sections, and the PE machine type of its binaries.
 */
public enum Architecture {
    X86("x86", "I386", "x86", 0x014C),
    X64("x64", "AMD64", "amd64", 0x8664),
    IA64("ia64", "IA64", "ia64", 0x0200);

    private final String token;
    private final String setupFolder;
    private final String sectionSuffix;
    private final int peMachine;

    Architecture(String token, String setupFolder, String sectionSuffix, int peMachine) {
        this.token = token;
        this.setupFolder = setupFolder;
        this.sectionSuffix = sectionSuffix;
        this.peMachine = peMachine;
    }

    /** As in package names: {@code x86}, {@code x64}, {@code ia64}. */
    public String token() {
        return token;
    }

    /** The media folder holding this architecture's setup files: I386, AMD64, IA64. */
    public String setupFolder() {
        return setupFolder;
    }

    /** The suffix of per-architecture INF sections, e.g. {@code [SourceDisksFiles.amd64]}. */
    public String sectionSuffix() {
        return sectionSuffix;
    }

    /** The IMAGE_FILE_HEADER Machine value of this architecture's binaries. */
    public int peMachine() {
        return peMachine;
    }

    /**
     * The folders a build of this architecture touches: x64 media carry their 32-bit WOW64 files
     * in I386 beside AMD64.
     */
    public java.util.List<String> mediaFolders() {
        return this == X64 ? java.util.List.of("AMD64", "I386") : java.util.List.of(setupFolder);
    }

    /** Parses a package-name token or a folder name: x86, i386, x64, amd64, ia64 (any case). */
    public static Optional<Architecture> fromToken(String token) {
        if (token == null) {
            return Optional.empty();
        }
        return switch (token.toLowerCase(Locale.ROOT)) {
            case "x86", "i386" -> Optional.of(X86);
            case "x64", "amd64" -> Optional.of(X64);
            case "ia64" -> Optional.of(IA64);
            default -> Optional.empty();
        };
    }

    public static Optional<Architecture> fromPeMachine(int machine) {
        for (Architecture a : values()) {
            if (a.peMachine == machine) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return token;
    }
}
