package dev.slipstream.core.media;

import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a setup INF from a media folder: the plain file ({@code LAYOUT.INF}) if present, else its
 * compressed copy ({@code LAYOUT.IN_}) through the cabinet reader, as setup itself does.
 */
public final class SetupInfReader {

    /** A setup file as read: its media path (as on disk), the document, and whether it was compressed. */
    public record Loaded(String path, InfDocument document, boolean compressed) {
    }

    private SetupInfReader() {
    }

    /**
     * @return empty when neither the file nor its compressed copy exists
     * @throws IOException when the file is not readable INF text (a {@code BadInputException}
     *     naming the line) or the compressed copy cannot be read
     */
    public static Optional<Loaded> read(MediaTree tree, String folder, String name, CabinetAccess cabs,
            InfReadOptions options) throws IOException {
        Optional<String> plain = tree.findFile(folder, name);
        if (plain.isPresent()) {
            return Optional.of(new Loaded(plain.get(), InfParser.parse(tree.resolve(plain.get()), options), false));
        }
        Optional<String> packed = tree.findFile(folder, MediaTree.compressedName(name));
        if (packed.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = new BufferedInputStream(cabs.openCompressed(tree.resolve(packed.get())), 1 << 16)) {
            return Optional.of(new Loaded(packed.get(), InfParser.parse(in, packed.get(), options), true));
        }
    }
}
