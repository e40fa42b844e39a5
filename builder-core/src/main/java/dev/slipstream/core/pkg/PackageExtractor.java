package dev.slipstream.core.pkg;

import dev.slipstream.core.cab.CabEntry;
import dev.slipstream.core.cab.CabReadOptions;
import dev.slipstream.core.cab.CabinetLocator;
import dev.slipstream.core.cab.CabinetReader;
import dev.slipstream.core.error.BadInputException;
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
            reader.readAll(e -> true, threads, (CabEntry e, InputStream data) -> {
                Path out = target(root, e, packageFile);
                Files.createDirectories(out.getParent());
                long n;
                try (OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    n = data.transferTo(os);
                }
                synchronized (count) {
                    count[0]++;
                }
                progress.accept(n);
            });
        } catch (BadInputException e) {
            throw e.source() != null && e.source().contains(packageFile.getFileName().toString()) ? e
                    : e.within(packageFile.toString());
        }
        return count[0];
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
