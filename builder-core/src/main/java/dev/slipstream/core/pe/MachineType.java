package dev.slipstream.core.pe;

import java.util.Locale;
import java.util.Optional;

/**
 * The processor architectures a Windows Server 2003 build deals with, as IMAGE_FILE_HEADER.Machine
 * names them. Each carries the name slipstream uses on the command line and in reports, and the
 * folder the architecture's files live in on the install media.
 */
public enum MachineType {
    /** IMAGE_FILE_MACHINE_I386. */
    X86(0x014C, "x86", "i386"),
    /** IMAGE_FILE_MACHINE_AMD64. */
    X64(0x8664, "x64", "amd64"),
    /** IMAGE_FILE_MACHINE_IA64 (Itanium). */
    IA64(0x0200, "ia64", "ia64");

    private final int code;
    private final String displayName;
    private final String mediaDirectory;

    MachineType(int code, String displayName, String mediaDirectory) {
        this.code = code;
        this.displayName = displayName;
        this.mediaDirectory = mediaDirectory;
    }

    /** The IMAGE_FILE_HEADER.Machine value. */
    public int code() {
        return code;
    }

    /** "x86", "x64", "ia64". */
    public String displayName() {
        return displayName;
    }

    /** The architecture folder on the media: "i386", "amd64", "ia64". */
    public String mediaDirectory() {
        return mediaDirectory;
    }

    public static Optional<MachineType> fromCode(int code) {
        for (MachineType m : values()) {
            if (m.code == code) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * Accepts the names a build engineer may type or a package may use: x86/i386, x64/amd64,
     * ia64/itanium (any case).
     */
    public static Optional<MachineType> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "x86", "i386", "i686", "win32" -> Optional.of(X86);
            case "x64", "amd64", "x86_64", "x86-64" -> Optional.of(X64);
            case "ia64", "itanium" -> Optional.of(IA64);
            default -> Optional.empty();
        };
    }

    /** "x86 (0x14C)" for known codes, "unknown (0x1C0)" otherwise. */
    public static String describe(int code) {
        return fromCode(code).map(MachineType::displayName).orElse("unknown") + String.format(" (0x%X)", code);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
