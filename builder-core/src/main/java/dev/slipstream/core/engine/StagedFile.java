package dev.slipstream.core.engine;

import dev.slipstream.core.iso.ContentSource;

/**
 * One file of the staged tree: where it goes on the media and where its bytes come from.
 *
 * @param origin whether the bytes are the base's, a package's, or produced by this build
 */
public record StagedFile(MediaPath path, ContentSource source, Origin origin) {

    /** Where a staged file's bytes come from; reports and the plan show it. */
    public enum Origin {
        /** Unchanged from the base media (a folder file or a region of the base ISO). */
        BASE,
        /** Extracted from an update package (temporary space or the package cache). */
        PACKAGE,
        /** Produced by this build: a rewritten INF, a recompressed {@code _} file, a tag file. */
        BUILD
    }
}
