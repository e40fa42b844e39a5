package dev.slipstream.core.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A hotfix package. Extracted, it holds the installer in {@code update\}, its catalog
 * ({@code KBnnnnnn.cat}) and one payload folder per branch: {@code SP2QFE}, {@code SP2GDR},
 * {@code RTMQFE}, {@code RTMGDR}.
 */
public final class Hotfix extends UpdatePackage {

    public Hotfix(Path file, PackageIdentity identity) {
        super(file, identity);
    }

    public String kb() {
        return identity().kb().orElseThrow();
    }

    /** The branch folders present, by branch. */
    public Map<Branch, Path> branches() throws IOException {
        Map<Branch, Path> out = new EnumMap<>(Branch.class);
        try (Stream<Path> s = Files.list(requireExtracted())) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (Files.isDirectory(p)) {
                    Branch.fromFolder(p.getFileName().toString()).ifPresent(b -> out.putIfAbsent(b, p));
                }
            }
        }
        return out;
    }

    /** The payload files of a branch folder (directly in it), ordered by name. */
    public List<Path> files(Branch branch) throws IOException {
        Path dir = branches().get(branch);
        List<Path> out = new ArrayList<>();
        if (dir == null) {
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).sorted().forEach(out::add);
        }
        return out;
    }

    /**
     * The WOW64 payload of a branch of an x64 package ({@code SP2QFE\wow\WUSER32.DLL}): the 32-bit
     * twins of its files, which go into I386 on x64 media.
     */
    public List<Path> wowFiles(Branch branch) throws IOException {
        Path dir = branches().get(branch);
        List<Path> out = new ArrayList<>();
        if (dir == null) {
            return out;
        }
        Optional<Path> wow;
        try (Stream<Path> s = Files.list(dir)) {
            wow = s.filter(Files::isDirectory).filter(p -> p.getFileName().toString().equalsIgnoreCase("wow")).findFirst();
        }
        if (wow.isPresent()) {
            try (Stream<Path> s = Files.list(wow.get())) {
                s.filter(Files::isRegularFile).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** The package's catalogs ({@code *.cat} outside the branch folders). */
    public List<Path> catalogs() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(requireExtracted(), 2)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".cat"))
                    .filter(p -> Branch.fromFolder(p.getParent().getFileName().toString()).isEmpty())
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * The 8.3 name the package gets in the SVCPACK folder: {@code KB925902.EXE}; a seven-digit KB
     * becomes {@code Q1234567.EXE}, because setup runs T-13 commands from an 8.3 name.
     */
    public String svcpackName() {
        String kb = kb();
        return (kb.length() <= 6 ? "KB" + kb : "Q" + kb.substring(Math.max(0, kb.length() - 7))) + ".EXE";
    }

    public Optional<String> language() {
        return identity().language().map(Language::code);
    }
}
