package dev.slipstream.core.engine;

import java.util.Optional;

/**
 * One change to one setup folder that a build will make, decided before any byte is written.
 *
 * @param folder the setup folder, e.g. {@code I386}
 * @param name the file's own name, as setup knows it (NTDLL.DLL)
 * @param mediaName the name on the media after the build: NTDLL.DL_ when stored compressed
 * @param compressed whether the file is written as a one-file LZX:21 cabinet
 * @param removeName the other form of the file, when the base held both: it is removed so the two
 *     can never disagree
 * @param source who supplies the file: "SP2", "KB925902"
 */
public record FileOperation(Kind kind, String folder, String name, String mediaName, boolean compressed,
        Optional<String> removeName, String source, String reason) {

    public enum Kind {
        /** The base has the file; it is replaced in the form it had. */
        REPLACE,
        /** The base has no such file; it is added and registered in TXTSETUP, DOSNET and LAYOUT. */
        ADD
    }

    public MediaPath mediaPath() {
        return MediaPath.of(folder, mediaName);
    }
}
