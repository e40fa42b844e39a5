package dev.slipstream.core.iso;

import java.time.Instant;
import java.util.List;

/**
 * A file or directory of an ISO image, as {@link IsoImageReader} found it.
 *
 * @param path '/'-separated path from the root, no leading slash, in the chosen namespace
 * @param size bytes of content; for a zisofs-compressed file, the uncompressed size
 * @param extents where the bytes are: one extent, or several for a multi-extent file
 * @param hidden the record's "existence" flag was set (tools still list and extract such files)
 * @param zisofs Rock Ridge says the content is zisofs-compressed
 * @param symlinkTarget the Rock Ridge symbolic link target, or {@code null}
 */
public record IsoEntry(
        String path,
        boolean directory,
        long size,
        List<Extent> extents,
        Instant date,
        boolean hidden,
        boolean zisofs,
        String symlinkTarget) {

    /** {@code length} bytes from sector {@code lba}. */
    public record Extent(long lba, long length) {
    }

    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The first sector of the content (the one tools print), or 0 for a directory without extents. */
    public long lba() {
        return extents.isEmpty() ? 0 : extents.get(0).lba();
    }

    public boolean isRegularFile() {
        return !directory && symlinkTarget == null;
    }
}
