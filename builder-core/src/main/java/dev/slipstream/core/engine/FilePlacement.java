package dev.slipstream.core.engine;

import java.util.Optional;
import java.util.Set;

/**
 * Decides how a file from a package lands in a setup folder: in the form the base has it
 * (compressed {@code _} or plain, never both), or, for a new file, compressed, as setup media
 * store almost everything.
 */
public final class FilePlacement {

    private FilePlacement() {
    }

    /**
     * @param folderNames the upper-case names present in the folder of the base media
     * @param name the file's own name (NTDLL.DLL)
     */
    public static FileOperation place(Set<String> folderNames, String folder, String name, String source, String why) {
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
        return new FileOperation(FileOperation.Kind.ADD, folder, name, SetupNames.compressed(name), true,
                Optional.empty(), source, why);
    }
}
