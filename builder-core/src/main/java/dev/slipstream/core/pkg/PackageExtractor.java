package dev.slipstream.core.pkg;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetLocator;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.io.WriteBehind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Unpacks an update package without running it: finds the cabinet in the self-extractor (the
 * SFXCAB overlay) and extracts every member below a folder, verifying every CFDATA checksum on the
 * way. A member whose name would land outside the folder, or that two names would both claim
 * (compared as Windows does, case-insensitively), makes the package bad input.
 */
public final class PackageExtractor {

    private PackageExtractor() {
    }

    /**
     * @param progress receives the number of bytes written after each member
     * @return the number of members extracted
     */
    public static int extract(Path packageFile, Path destination, int threads, LongConsumer progress) throws IOException {
        CabinetLocator.Candidate cab = CabinetLocator.locate(packageFile).require();
        Files.createDirectories(destination);
        Path root = destination.toAbsolutePath().normalize();
        Set<String> seen = new HashSet<>();
        int[] count = {0};
        try (CabinetReader reader = CabinetReader.open(packageFile, cab.offset(), CabReadOptions.DEFAULTS)) {
            for (CabEntry e : reader.entries()) {
                String key = e.path().toLowerCase(Locale.ROOT);
                if (!seen.add(key)) {
                    throw BadInputException.in(packageFile).atOffset(cab.offset())
                            .hint("the package is corrupt or was not made by Microsoft's tools")
                            .problem("the cabinet holds '%s' twice (names compare case-insensitively on Windows)", e.path());
                }
                target(root, e, packageFile);
            }
            // Decoding is the long pole (SP2 is one LZX folder, decoded on one core): the files are
            // created and written on another thread while decoding goes on, through at most
            // WRITE_BEHIND_CHUNKS pooled chunks.
            try (WriteBehind writer = new WriteBehind("slipstream-extract-write", WriteBehind.WRITE_SIZE, WRITE_BEHIND_CHUNKS, 4096)) {
                reader.readAll(e -> true, threads, (CabEntry e, InputStream data) -> {
                    Path out = target(root, e, packageFile);
                    long n;
                    try (WriteBehind.PendingFile f = writer.open(() -> newFile(out))) {
                        n = f.transferFrom(data);
                        f.commit();
                    }
                    synchronized (count) {
                        count[0]++;
                    }
                    progress.accept(n);
                });
                writer.finish();
            }
        } catch (BadInputException e) {
            throw e.source() != null && e.source().contains(packageFile.getFileName().toString()) ? e
                    : e.within(packageFile.toString());
        }
        return count[0];
    }


    /** 16 MiB of decoded bytes at most wait for the writer. */
    private static final int WRITE_BEHIND_CHUNKS = 128;

    /**
     * A new file below the extraction folder. Nothing is atomic here: the whole folder is temporary
     * space (or a cache entry not yet published) and is deleted when the extraction fails.
     */
    private static WriteBehind.Destination newFile(Path out) throws IOException {
        Files.createDirectories(out.getParent());
        OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new WriteBehind.Destination() {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                os.write(b, off, len);
            }

            @Override
            public void commit() {
                // the bytes are all there; close() ends the file
            }

            @Override
            public void close() throws IOException {
                os.close();
            }
        };
    }

    private static Path target(Path root, CabEntry e, Path packageFile) throws BadInputException {
        String rel = e.path();
        Path out = root.resolve(rel).normalize();
        if (rel.isEmpty() || rel.startsWith("/") || rel.contains(":") || !out.startsWith(root) || out.equals(root)) {
            throw BadInputException.in(packageFile).hint("do not use this package: it may be hostile")
                    .problem("the cabinet member '%s' would be written outside the extraction folder", e.path());
        }
        return out;
    }
}
