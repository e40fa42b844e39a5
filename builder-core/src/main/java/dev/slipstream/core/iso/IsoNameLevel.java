package dev.slipstream.core.iso;

/** How strict the ISO-9660 names (not the Joliet ones) are. See docs/iso-names.md. */
public enum IsoNameLevel {
    /** ISO-9660 level 1: 8.3 names of d-characters (A-Z, 0-9, _), directories 8 characters. */
    LEVEL1(8, 3, 8),
    /** ISO-9660 level 2 (the default): up to 31 characters of d-characters, including the dot. */
    LEVEL2(30, 12, 31),
    /**
     * Level 2 lengths with all printable ASCII but lower case and {@code / \ ; * ? : " < > |}, like
     * mkisofs -relaxed-filenames; readers that check d-characters strictly may reject them.
     */
    RELAXED(30, 12, 31);

    /** Longest name part, longest extension, longest directory name. */
    final int maxBase;
    final int maxExt;
    final int maxDir;

    IsoNameLevel(int maxBase, int maxExt, int maxDir) {
        this.maxBase = maxBase;
        this.maxExt = maxExt;
        this.maxDir = maxDir;
    }
}
