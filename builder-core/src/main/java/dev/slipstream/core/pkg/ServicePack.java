package dev.slipstream.core.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The service pack (KB914961). Extracted, it holds one folder per media folder it updates
 * ({@code i386}, {@code amd64}, {@code ia64}), each with the payload files, the driver cabinet
 * {@code sp2.cab}, the catalog {@code sp2.cat} and the installer in {@code update\}.
 */
public final class ServicePack extends UpdatePackage {

    public static final String DRIVER_CABINET = "sp2.cab";
    public static final String CATALOG = "sp2.cat";

    public ServicePack(Path file, PackageIdentity identity) {
        super(file, identity);
    }

    /** The extracted folder that updates {@code mediaFolder} (matched case-insensitively). */
    public Optional<Path> folderFor(String mediaFolder) throws IOException {
        Path root = requireExtracted();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().equalsIgnoreCase(mediaFolder))
                    .findFirst();
        }
    }

    /**
     * The payload for {@code mediaFolder}: its files, without the installer folder, the driver
     * cabinet and the catalog (which the engine registers on their own), ordered by name.
     */
    public List<Path> payload(String mediaFolder) throws IOException {
        Optional<Path> dir = folderFor(mediaFolder);
        List<Path> out = new ArrayList<>();
        if (dir.isEmpty()) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir.get())) {
            s.filter(Files::isRegularFile)
                    .filter(p -> !isSpecial(p.getFileName().toString()))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    private static boolean isSpecial(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(DRIVER_CABINET) || n.equals(CATALOG);
    }

    public Optional<Path> driverCabinet(String mediaFolder) throws IOException {
        return member(mediaFolder, DRIVER_CABINET);
    }

    public Optional<Path> catalog(String mediaFolder) throws IOException {
        return member(mediaFolder, CATALOG);
    }

    private Optional<Path> member(String mediaFolder, String name) throws IOException {
        Optional<Path> dir = folderFor(mediaFolder);
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir.get())) {
            return s.filter(p -> p.getFileName().toString().equalsIgnoreCase(name)).findFirst();
        }
    }
}
