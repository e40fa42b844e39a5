package dev.slipstream.core.engine;

import dev.slipstream.core.media.Architecture;
import dev.slipstream.core.pe.MachineType;
import java.util.List;

/** Which media folders a build of an architecture touches, and how packages name that architecture. */
public final class SetupFolders {

    private SetupFolders() {
    }

    /** The folders a build updates: x64 media carry their 32-bit WOW64 files in I386 beside AMD64. */
    public static List<String> of(Architecture arch) {
        return arch == Architecture.AMD64 ? List.of("AMD64", "I386") : List.of(arch.folder());
    }

    /** The machine type of the media's native binaries and of the packages built for them. */
    public static MachineType machine(Architecture arch) {
        return switch (arch) {
            case X86 -> MachineType.X86;
            case AMD64 -> MachineType.X64;
            case IA64 -> MachineType.IA64;
        };
    }
}
