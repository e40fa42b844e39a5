package dev.slipstream.core.hash;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One known package: its file name, size and the hashes its publisher gave (uppercase hex; an
 * algorithm the publisher did not give is absent). {@code origin} says where the line came from,
 * e.g. {@code built-in catalog:12} or {@code mypackages.catalog:3}.
 */
public record CatalogEntry(String name, long size, Map<HashAlgorithm, String> hashes, String origin) {

    public CatalogEntry {
        hashes = Collections.unmodifiableMap(new EnumMap<>(hashes));
    }

    /** The catalog line that describes this entry, in the order of the format. */
    public String toLine() {
        StringBuilder sb = new StringBuilder(name).append(' ').append(size);
        for (HashAlgorithm a : HashAlgorithm.values()) {
            sb.append(' ').append(hashes.getOrDefault(a, "-"));
        }
        return sb.toString();
    }
}
