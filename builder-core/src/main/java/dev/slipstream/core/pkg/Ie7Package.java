package dev.slipstream.core.pkg;

import java.nio.file.Path;

/**
 * Internet Explorer 7. Integrated SP2 media install IE6, so the engine re-injects IE7 as a package
 * run at T-13 from the SVCPACK folder, under the 8.3 name {@value #SVCPACK_NAME}.
 */
public final class Ie7Package extends UpdatePackage {

    public static final String SVCPACK_NAME = "IE7.EXE";

    public Ie7Package(Path file, PackageIdentity identity) {
        super(file, identity);
    }
}
