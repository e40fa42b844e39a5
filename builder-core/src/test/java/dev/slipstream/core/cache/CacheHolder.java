package dev.slipstream.core.cache;

import java.nio.file.Path;

/**
 * A second process for {@link PackageCacheTest}: a "build" that holds one cache entry, says
 * "held", and lets it go when its standard input closes.
 */
public final class CacheHolder {

    private CacheHolder() {
    }

    public static void main(String[] args) throws Exception {
        PackageCache c = PackageCache.open(Path.of(args[0]));
        Path pkg = Path.of(args[1]);
        try (PackageCache.Held h = c.hold(pkg, PackageCache.sha256(pkg), PackageCacheTest::fakeExtract)) {
            System.out.println("held " + h.entry().sha256());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our stdin
            }
        }
    }
}
