package dev.slipstream.core.inf;

import dev.slipstream.core.io.AtomicOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** Writes an {@link InfDocument} to a file atomically: readers see the old file or the whole new one. */
public final class InfWriter {

    private InfWriter() {
    }

    public static void write(InfDocument doc, Path target) throws IOException {
        try (AtomicOutput out = AtomicOutput.create(target)) {
            OutputStream os = new BufferedOutputStream(out.stream(), 1 << 16);
            doc.writeTo(os);
            os.flush();
            out.commit();
        }
    }

    public static void write(InfDocument doc, OutputStream out) throws IOException {
        OutputStream os = new BufferedOutputStream(out, 1 << 16);
        doc.writeTo(os);
        os.flush();
    }
}
