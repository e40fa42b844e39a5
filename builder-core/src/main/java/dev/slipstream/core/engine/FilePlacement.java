package dev.slipstream.core.engine;

import java.util.Optional;
import java.util.Set;

/**
 * Decides how a file from a package lands in a setup folder: in the form the base has it
 * (compressed {@code _} or plain, never both), or, for a new file, in the form the package
 * delivers it (no conversion needed).
 */
public final class FilePlacement {

    private FilePlacement() {
    }

    /**
     * @param folderNames the upper-case names present in the folder of the base media
     * @param name the file's own name (NTDLL.DLL)
     */
    public static FileOperation place(Set<String> folderNames, String folder, String name, boolean payloadCompressed,
            String source, String why) {
        String plain = SetupNames.key(name);
        String packed = SetupNames.key(SetupNames.compressed(name));
        boolean hasPlain = folderNames.contains(plain);
        boolean hasPacked = folderNames.contains(packed);
        if (hasPacked && hasPlain) {
            return new FileOperation(FileOperation.Kind.REPLACE, folder, name, SetupNames.compressed(name), true,
                    Optional.of(name), source, why + "; the base held both forms: the plain copy is removed");
        }
        if (hasPacked) {
            return new FileOperation(FileOperation.Kind.REPLACE, folder, name, SetupNames.compressed(name), true,
                    Optional.empty(), source, why);
        }
        if (hasPlain) {
            return new FileOperation(FileOperation.Kind.REPLACE, folder, name, name, false, Optional.empty(), source, why);
        }
        return new FileOperation(FileOperation.Kind.ADD, folder, name,
                payloadCompressed ? SetupNames.compressed(name) : name, payloadCompressed, Optional.empty(), source, why);
    }
}
