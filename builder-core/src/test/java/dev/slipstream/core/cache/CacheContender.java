package dev.slipstream.core.cache;

import java.nio.file.Path;

/** A second process for {@link PackageCacheTest}: extracts one package through a shared cache. */
public final class CacheContender {

    private CacheContender() {
    }

    public static void main(String[] args) throws Exception {
        PackageCache.Entry e = PackageCache.open(Path.of(args[0])).extract(Path.of(args[1]), PackageCacheTest::fakeExtract);
        System.out.println(e.hit() ? "hit" : "extracted");
    }
}
