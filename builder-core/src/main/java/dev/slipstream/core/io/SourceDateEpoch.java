package dev.slipstream.core.io;

import java.time.Instant;
import java.util.Optional;

/**
 * The reproducible-builds {@code SOURCE_DATE_EPOCH} convention: when set, every timestamp we
 * write (cabinet dates, ISO volume and directory dates) comes from it instead of the clock or the
 * file system. See https://reproducible-builds.org/specs/source-date-epoch/.
 */
public final class SourceDateEpoch {

    public static final String VARIABLE = "SOURCE_DATE_EPOCH";

    private SourceDateEpoch() {
    }

    /** The instant from the environment, or empty when unset or blank. */
    public static Optional<Instant> fromEnvironment() {
        return parse(System.getenv(VARIABLE));
    }

    /**
     * Parses a value as the specification defines it: decimal seconds since 1970-01-01 UTC.
     *
     * @throws IllegalArgumentException when the value is set but is not such a number; a silently
     *     ignored typo would make a "reproducible" build quietly depend on the clock
     */
    public static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (!v.chars().allMatch(Character::isDigit) || v.length() > 18) {
            throw new IllegalArgumentException(VARIABLE + "=" + value
                    + " is not a number of seconds since 1970-01-01 UTC; unset it or give e.g. "
                    + VARIABLE + "=1700000000");
        }
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
    }

    /** The instant from the environment, or {@code fallback} when unset. */
    public static Instant orElse(Instant fallback) {
        return fromEnvironment().orElse(fallback);
    }
}
