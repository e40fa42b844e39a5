package dev.slipstream.core.engine;

import java.nio.file.Path;

/**
 * A file operation with the bytes that realise it: the payload file (extracted from a package)
 * and whether it is stored compressed. Applying it converts the payload to the form the
 * operation asks for, when they differ.
 *
 * @param expandedSize the size of the file itself (what LAYOUT.INF records)
 */
public record PlannedFile(FileOperation operation, Path payload, boolean payloadCompressed, long expandedSize) {

    /** True when applying needs a compression or an expansion. */
    public boolean needsConversion() {
        return payloadCompressed != operation.compressed();
    }
}
