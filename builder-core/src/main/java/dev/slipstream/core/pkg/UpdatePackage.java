package dev.slipstream.core.pkg;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An update package given to a build: its file, what its name says it is, and, once extracted,
 * the folder its cabinet was unpacked to.
 */
public abstract sealed class UpdatePackage permits ServicePack, Hotfix, Ie7Package {

    private final Path file;
    private final PackageIdentity identity;
    private Path extracted;

    protected UpdatePackage(Path file, PackageIdentity identity) {
        this.file = file;
        this.identity = identity;
    }

    public Path file() {
        return file;
    }

    public PackageIdentity identity() {
        return identity;
    }

    /** "KB914961", "KB925902", "IE7". */
    public String label() {
        return identity.label();
    }

    /** The folder the package's cabinet was extracted to, once it has been. */
    public Optional<Path> extracted() {
        return Optional.ofNullable(extracted);
    }

    public void extractedTo(Path folder) {
        this.extracted = folder;
    }

    protected Path requireExtracted() {
        if (extracted == null) {
            throw new IllegalStateException(label() + " is read before it was extracted");
        }
        return extracted;
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
