package dev.slipstream.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the project root and the shared conformance corpus at {@code ../shared} beside it. The
 * corpus is never copied into the project; tests read it in place.
 */
public final class SharedCorpus {

    private SharedCorpus() {
    }

    /** The reactor root: the {@code slipstream.root} property Surefire sets, else found upwards. */
    public static Path projectRoot() {
        String prop = System.getProperty("slipstream.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isDirectory(p.resolve("builder-core")) && Files.exists(p.resolve("pom.xml"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("cannot find the slipstream project root from " + Path.of("").toAbsolutePath());
    }

    /** {@code ../shared} beside the project root; skips (workstation) or fails (CI) when absent. */
    public static Path shared() {
        Path shared = projectRoot().resolveSibling("shared");
        if (!Files.isDirectory(shared)) {
            String msg = "the shared corpus is not at " + shared;
            if (ExternalTool.isCi()) {
                fail(msg + "; CI runs with ../shared beside the clone");
            }
            assumeTrue(false, msg + "; skipping corpus test");
        }
        return shared;
    }

    public static Path corpus(String relative) {
        return shared().resolve("corpus").resolve(relative);
    }
}
