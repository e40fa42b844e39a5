package dev.slipstream.core.hash;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What hashing one file gave: its name as the user gave it, the number of bytes hashed and the
 * selected hashes as uppercase hex, in {@link HashAlgorithm} order.
 */
public record HashResult(String name, long size, Map<HashAlgorithm, String> hashes) {

    public HashResult {
        hashes = Collections.unmodifiableMap(new EnumMap<>(hashes));
    }

    /** The uppercase hex value, or {@code null} when this algorithm was not computed. */
    public String hex(HashAlgorithm algorithm) {
        return hashes.get(algorithm);
    }
}
