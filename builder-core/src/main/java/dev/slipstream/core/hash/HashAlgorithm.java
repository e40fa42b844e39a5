package dev.slipstream.core.hash;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The hashes a package download page publishes, in the order and with the names 7-Zip prints
 * them ({@code 7z h -scrcCRC32 -scrcCRC64 -scrcSHA256 -scrcSHA1 -scrcBLAKE2sp}).
 */
public enum HashAlgorithm {
    CRC32("CRC32", 4),
    CRC64("CRC64", 8),
    SHA256("SHA256", 32),
    SHA1("SHA1", 20),
    BLAKE2SP("BLAKE2sp", 32);

    private final String displayName;
    private final int digestBytes;

    HashAlgorithm(String displayName, int digestBytes) {
        this.displayName = displayName;
        this.digestBytes = digestBytes;
    }

    /** The name as 7-Zip prints it: {@code CRC32}, {@code SHA256}, {@code BLAKE2sp}. */
    public String displayName() {
        return displayName;
    }

    public int digestBytes() {
        return digestBytes;
    }

    public int hexLength() {
        return 2 * digestBytes;
    }

    /** A new, empty hash of this kind. */
    public StreamingHash newHash() {
        return switch (this) {
            case CRC32 -> new Crc32Hash();
            case CRC64 -> new Crc64Xz();
            case SHA256 -> JdkHash.sha256();
            case SHA1 -> JdkHash.sha1();
            case BLAKE2SP -> new Blake2sp();
        };
    }

    /**
     * Parses a name as users type it: case-insensitive, with or without the dash
     * ({@code sha-256}, {@code SHA256}, {@code blake2sp}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static HashAlgorithm parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (HashAlgorithm a : values()) {
            if (a.name().equals(n)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown hash algorithm '" + name + "'; expected one of "
                + "CRC32, CRC64, SHA256, SHA1, BLAKE2sp (or 'all')");
    }

    /** Parses a comma-separated list such as {@code crc32,sha256}; {@code all} selects all five. */
    public static Set<HashAlgorithm> parseList(String list) {
        Set<HashAlgorithm> set = EnumSet.noneOf(HashAlgorithm.class);
        for (String part : list.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            if (part.trim().equalsIgnoreCase("all")) {
                set.addAll(EnumSet.allOf(HashAlgorithm.class));
            } else {
                set.add(parse(part));
            }
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("no hash algorithm selected in '" + list + "'");
        }
        return set;
    }
}
