package dev.slipstream.core.inf;

import java.util.List;
import java.util.Locale;

/**
 * One logical line of an INF file: a section header, an entry ({@code key = value} or a keyless
 * line such as {@code d1,ntdll.dll}), a comment or a blank line. An entry may span several
 * physical lines joined by {@code \} continuations.
 *
 * <p>The line keeps the exact bytes it was read from, so that an unedited line is written back
 * byte-for-byte; its text is the decoded view used for parsing. Both include the line
 * terminators as found (CRLF, LF, or none at the end of the file).
 */
public final class InfLine {

    /** What a line is. */
    public enum Kind {
        BLANK, COMMENT, SECTION_HEADER, ENTRY
    }

    private final Kind kind;
    private String text;
    private byte[] raw;
    private final int lineNumber;
    private int physicalLines;
    private boolean edited;
    private InfLexer.Tokens tokens;

    InfLine(Kind kind, String text, byte[] raw, int lineNumber, int physicalLines) {
        this.kind = kind;
        this.text = text;
        this.raw = raw;
        this.lineNumber = lineNumber;
        this.physicalLines = physicalLines;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isEntry() {
        return kind == Kind.ENTRY;
    }

    /** The 1-based number of this line's first physical line in the file as read; 0 for a line added by an edit. */
    public int lineNumber() {
        return lineNumber;
    }

    /** How many physical lines this logical line spans (more than 1 with {@code \} continuations). */
    public int physicalLines() {
        return physicalLines;
    }

    /** True when an edit created or changed this line. */
    public boolean isEdited() {
        return edited;
    }

    /** The decoded text, including the line terminator(s) as found. */
    public String text() {
        return text;
    }

    /** The decoded text without the final line terminator. */
    public String content() {
        return text.substring(0, text.length() - terminator().length());
    }

    /** The final line terminator: {@code "\r\n"}, {@code "\n"} or {@code ""} at the end of a file. */
    public String terminator() {
        int n = text.length();
        if (n > 0 && text.charAt(n - 1) == '\n') {
            return n > 1 && text.charAt(n - 2) == '\r' ? "\r\n" : "\n";
        }
        return "";
    }

    /** The bytes of this line in the file's encoding, exactly as read when unedited. */
    byte[] raw() {
        return raw;
    }

    /** The section name of a header line, {@code null} for other lines. */
    public String sectionName() {
        return kind == Kind.SECTION_HEADER ? InfLexer.sectionName(content()) : null;
    }

    /** The key of an entry as written (unquoted, trimmed), or {@code null} for a keyless line or a non-entry. */
    public String key() {
        return kind == Kind.ENTRY ? tokens().key() : null;
    }

    /** True if this entry has the key, compared case-insensitively as setup does. */
    public boolean hasKey(String k) {
        String mine = key();
        return mine != null && mine.equalsIgnoreCase(k);
    }

    /** The fields of an entry's value (for a keyless line, of the whole line), unquoted, unsubstituted. */
    public List<String> fields() {
        return kind == Kind.ENTRY ? tokens().fields() : List.of();
    }

    /** The value text as written between {@code =} and any comment, trimmed; the whole text of a keyless line. */
    public String rawValue() {
        if (kind != Kind.ENTRY) {
            return null;
        }
        InfLexer.Tokens t = tokens();
        return text.substring(t.valueStart(), t.valueEnd());
    }

    /** The text before an entry's value ({@code "DriverCabName = "}), to write a sibling line alike. */
    public String valuePrefix() {
        if (kind != Kind.ENTRY) {
            return null;
        }
        return text.substring(0, tokens().valueStart());
    }

    /**
     * The identity of an entry for duplicate detection: its lower-cased key, or for a keyless line
     * its lower-cased fields joined by commas.
     */
    public String identity() {
        if (kind != Kind.ENTRY) {
            return null;
        }
        String k = key();
        return k != null ? "k:" + k.toLowerCase(Locale.ROOT)
                : "l:" + String.join(",", fields()).toLowerCase(Locale.ROOT);
    }

    InfLexer.Tokens tokens() {
        InfLexer.Tokens t = tokens;
        if (t == null) {
            t = InfLexer.tokenize(content());
            tokens = t;
        }
        return t;
    }

    /** Forgets cached tokens; big files would otherwise keep every field of every line alive. */
    void dropTokens() {
        tokens = null;
    }

    void replace(String newText, byte[] newRaw) {
        this.text = newText;
        this.raw = newRaw;
        this.physicalLines = 1 + countLineBreaks(newText.substring(0, newText.length() - terminatorLength(newText)));
        this.tokens = null;
        this.edited = true;
    }

    void markEdited() {
        this.edited = true;
    }

    private static int terminatorLength(String s) {
        int n = s.length();
        if (n > 0 && s.charAt(n - 1) == '\n') {
            return n > 1 && s.charAt(n - 2) == '\r' ? 2 : 1;
        }
        return 0;
    }

    private static int countLineBreaks(String s) {
        int c = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                c++;
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return (lineNumber > 0 ? lineNumber + ": " : "new: ") + content();
    }
}
