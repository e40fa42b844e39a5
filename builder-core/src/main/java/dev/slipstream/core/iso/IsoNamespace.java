package dev.slipstream.core.iso;

/** Which of an image's directory trees names the files. */
public enum IsoNamespace {
    /** The primary volume descriptor's tree, with its short names ({@code ;1} removed). */
    ISO9660,
    /** The Joliet tree: UCS-2 long names, what Windows shows. */
    JOLIET,
    /** The primary tree with Rock Ridge (POSIX) names, relocated directories put back. */
    ROCK_RIDGE
}
