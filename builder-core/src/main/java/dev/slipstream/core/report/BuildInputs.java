package dev.slipstream.core.report;

import dev.slipstream.core.engine.BuildOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every file a build reads, by role, in a stable order: the profile, the base media (the ISO, or
 * every file of a base folder), the service pack, each hotfix (the {@code *.exe} of a hotfix folder,
 * and the folder itself, so that adding a package to it is a change), IE7, the catalog and the boot
 * image. The depfile and the report both list these.
 */
public final class BuildInputs {

    /** An input and what it is to the build: profile, base, sp2, hotfix, hotfix-folder, ie7, addon, catalog, boot-image. */
    public record Input(String role, Path path) {
    }

    private final List<Input> inputs;

    private BuildInputs(List<Input> inputs) {
        this.inputs = List.copyOf(inputs);
    }

    public static BuildInputs of(BuildOptions o, Path profile) throws IOException {
        Map<Path, Input> seen = new LinkedHashMap<>();
        if (profile != null) {
            add(seen, "profile", profile);
        }
        Path base = o.base();
        if (Files.isDirectory(base)) {
            try (Stream<Path> s = Files.walk(base)) {
                for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                    add(seen, "base", f);
                }
            }
        } else {
            add(seen, "base", base);
        }
        o.servicePack().ifPresent(p -> add(seen, "sp2", p));
        for (Path h : o.hotfixes()) {
            if (Files.isDirectory(h)) {
                add(seen, "hotfix-folder", h);
                try (Stream<Path> s = Files.list(h)) {
                    for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)
                            .filter(x -> x.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".exe")).sorted()::iterator) {
                        add(seen, "hotfix", f);
                    }
                }
            } else {
                add(seen, "hotfix", h);
            }
        }
        o.ie7().ifPresent(p -> add(seen, "ie7", p));
        for (Path a : o.addons()) {
            add(seen, "addon", a);
        }
        o.catalog().ifPresent(p -> add(seen, "catalog", p));
        o.bootImage().ifPresent(p -> add(seen, "boot-image", p));
        return new BuildInputs(new ArrayList<>(seen.values()));
    }

    private static void add(Map<Path, Input> seen, String role, Path p) {
        seen.putIfAbsent(p.toAbsolutePath().normalize(), new Input(role, p));
    }

    public List<Input> all() {
        return inputs;
    }

    /** The input paths, folders included. */
    public List<Path> files() {
        return inputs.stream().map(Input::path).toList();
    }
}
