package dev.slipstream.core.hash;

import java.util.List;

/**
 * The outcome of checking one file against the catalog.
 *
 * @param file        the file as the user named it
 * @param status      match, mismatch or unknown
 * @param entry       the catalog entry matched or compared against; {@code null} when unknown
 * @param byContent   true when {@code entry} has another name and was found by size and hashes
 * @param actual      the file's figures; {@code null} when it was not hashed (no candidate entry)
 * @param differences what differs from {@code entry}, for a mismatch
 * @param note        a further hint for the user, or {@code null}
 */
public record Verdict(String file, Status status, CatalogEntry entry, boolean byContent, HashResult actual,
        List<Difference> differences, String note) {

    public Verdict {
        differences = List.copyOf(differences);
    }

    public enum Status {
        MATCH("match"),
        MISMATCH("MISMATCH"),
        UNKNOWN("unknown");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        /** The word reports print: {@code match}, {@code MISMATCH} (loud on purpose), {@code unknown}. */
        public String word() {
            return word;
        }
    }

    /** One figure that differs: {@code field} is {@code size} or an algorithm's display name. */
    public record Difference(String field, String expected, String actual) {
    }
}
