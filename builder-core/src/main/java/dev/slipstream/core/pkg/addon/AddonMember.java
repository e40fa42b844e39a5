package dev.slipstream.core.pkg.addon;

/**
 * One file of an addon archive as its directory lists it, before it is read.
 *
 * @param path the member's path inside the archive, {@code /}-separated, checked safe by
 *     {@link MemberNames}
 * @param size the size the archive declares (never trusted for an allocation; extraction stops at it)
 */
public record AddonMember(String path, long size) {

    /** The last path segment: {@code SSTOOLS.EXE} for {@code svcpack/SSTOOLS.EXE}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The folder part, empty for a file in the archive's root: {@code svcpack}. */
    public String folder() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
