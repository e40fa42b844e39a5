package dev.slipstream.core.inf;

import java.util.ArrayList;
import java.util.List;

/**
 * The token rules of INF text, shared by the parser (where does a logical line end?) and by
 * {@link InfLine} (what are its key and fields?). They follow what Windows SetupAPI does:
 *
 * <ul>
 *   <li>{@code ;} outside quotes starts a comment that runs to the end of the physical line;</li>
 *   <li>{@code "..."} quotes a part of a field, {@code ""} inside quotes is one quote; quotes do
 *       not span lines;</li>
 *   <li>the first {@code =} outside quotes and before any {@code ,} separates the key;</li>
 *   <li>{@code ,} outside quotes separates fields; whitespace around unquoted text is dropped;</li>
 *   <li>{@code \} outside quotes followed only by whitespace up to the line end continues the
 *       logical line on the next physical line, whose leading whitespace is dropped.</li>
 * </ul>
 */
final class InfLexer {

    /** Returned by {@link #scanPhysical} when the line ends inside quotes. */
    static final int UNTERMINATED_QUOTE = -1;
    static final int ENDS = 0;
    static final int CONTINUES = 1;

    private InfLexer() {
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B' || c == '\u001A';
    }

    /** Index of the first non-whitespace character in {@code s[from, to)}, or {@code to}. */
    static int skipSpace(CharSequence s, int from, int to) {
        int i = from;
        while (i < to && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Scans one physical line of an entry ({@code s[from, to)}, without its terminator) and says
     * whether it ends the logical line, continues it, or leaves a quote open.
     */
    static int scanPhysical(CharSequence s, int from, int to) {
        boolean inQuote = false;
        int lastNonSpace = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                inQuote = !inQuote;
                lastNonSpace = i;
            } else if (inQuote) {
                lastNonSpace = i;
            } else if (c == ';') {
                return ENDS;
            } else if (!isSpace(c)) {
                lastNonSpace = i;
            }
        }
        if (inQuote) {
            return UNTERMINATED_QUOTE;
        }
        return lastNonSpace >= 0 && s.charAt(lastNonSpace) == '\\' ? CONTINUES : ENDS;
    }

    /** The column (0-based) where the quote left open on a physical line starts. */
    static int openQuoteColumn(CharSequence s, int from, int to) {
        int open = -1;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                open = open < 0 ? i : -1;
            } else if (c == ';' && open < 0) {
                break;
            }
        }
        return open < 0 ? 0 : open - from;
    }

    /** The tokens of an entry line: its key (or null), fields and the span of its value text. */
    record Tokens(String key, int equalsAt, List<String> fields, int valueStart, int valueEnd) {
    }

    /**
     * Splits an entry's content ({@code s}, the logical line without its final terminator) into
     * key and fields. Values are unquoted; {@code %strings%} are not substituted here.
     */
    static Tokens tokenize(String s) {
        // Nearly every line of a setup INF has no quote, continuation or line feed: its key and
        // fields are then plain trimmed substrings. A build tokenizes tens of thousands of lines
        // while the JIT is still cold, and this path is cheap in the interpreter and to compile.
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n') {
                return tokenizeQuoted(s);
            }
        }
        return tokenizePlain(s);
    }

    /** {@link #tokenize} for a line without {@code "}, {@code \\} or line feeds. */
    private static Tokens tokenizePlain(String s) {
        int semicolon = s.indexOf(';');
        int end = semicolon < 0 ? s.length() : semicolon;
        int start = skipSpace(s, 0, end);
        String key = null;
        int equalsAt = -1;
        int valueStart = start;
        int eq = s.indexOf('=', start);
        if (eq >= 0 && eq < end) {
            int comma = s.indexOf(',', start);
            if (comma < 0 || comma > eq) {
                key = s.substring(start, trimEnd(s, start, eq));
                equalsAt = eq;
                valueStart = skipSpace(s, eq + 1, end);
            }
        }
        int valueEnd = trimEnd(s, valueStart, end);
        List<String> fields = new ArrayList<>();
        if (valueEnd > valueStart) {
            int from = valueStart;
            while (true) {
                int comma = s.indexOf(',', from);
                int to = comma < 0 || comma >= end ? end : comma;
                int a = skipSpace(s, from, to);
                fields.add(s.substring(a, trimEnd(s, a, to)));
                if (to == end) {
                    break;
                }
                from = to + 1;
            }
        }
        return new Tokens(key, equalsAt, fields, valueStart, valueEnd);
    }

    /** The end of {@code s[from, to)} without its trailing whitespace. */
    private static int trimEnd(String s, int from, int to) {
        int e = to;
        while (e > from && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    /** {@link #tokenize} for any line: quotes, doubled quotes, continuations. */
    static Tokens tokenizeQuoted(String s) {
        int n = s.length();
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int keep = 0;
        boolean inQuote = false;
        String key = null;
        int equalsAt = -1;
        int i = skipSpace(s, 0, n);
        int valueStart = i;
        int contentEnd = i;
        while (i < n) {
            char c = s.charAt(i);
            if (inQuote) {
                if (c == '"') {
                    if (i + 1 < n && s.charAt(i + 1) == '"') {
                        cur.append('"');
                        i += 2;
                    } else {
                        inQuote = false;
                        i++;
                    }
                } else {
                    cur.append(c);
                    i++;
                }
                keep = cur.length();
                contentEnd = i;
                continue;
            }
            if (c == ';') {
                break;
            }
            if (c == '"') {
                inQuote = true;
                i++;
                contentEnd = i;
                continue;
            }
            if (c == '=' && key == null && fields.isEmpty()) {
                cur.setLength(keep);
                key = cur.toString();
                equalsAt = i;
                cur.setLength(0);
                keep = 0;
                i = skipSpace(s, i + 1, n);
                valueStart = i;
                contentEnd = i;
                continue;
            }
            if (c == ',') {
                cur.setLength(keep);
                fields.add(cur.toString());
                cur.setLength(0);
                keep = 0;
                i++;
                contentEnd = i;
                continue;
            }
            if (c == '\\') {
                int after = continuationEnd(s, i + 1, n);
                if (after >= 0) {
                    i = skipSpace(s, after, n);
                    continue;
                }
                cur.append(c);
                keep = cur.length();
                i++;
                contentEnd = i;
                continue;
            }
            if (c == '\n') {
                // A physical line break not preceded by a continuation cannot occur inside one
                // logical line; tolerate it as whitespace.
                i++;
                continue;
            }
            if (isSpace(c)) {
                if (cur.length() > 0) {
                    cur.append(c);
                }
                i++;
                continue;
            }
            cur.append(c);
            keep = cur.length();
            i++;
            contentEnd = i;
        }
        cur.setLength(keep);
        boolean emptyValue = contentEnd <= valueStart && cur.length() == 0 && fields.isEmpty();
        if (!emptyValue) {
            fields.add(cur.toString());
        }
        return new Tokens(key, equalsAt, fields, valueStart, Math.max(valueStart, contentEnd));
    }

    /**
     * If {@code s[from, n)} is whitespace up to a line feed, the index after that line feed;
     * if it is whitespace up to the end of the text, {@code n}; else -1.
     */
    private static int continuationEnd(String s, int from, int n) {
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                return i + 1;
            }
            if (!isSpace(c)) {
                return -1;
            }
        }
        return n;
    }

    /** The section name of a header line's content, or null when the closing bracket is missing. */
    static String sectionName(String content) {
        int open = skipSpace(content, 0, content.length());
        int close = content.indexOf(']', open + 1);
        if (close < 0) {
            return null;
        }
        return content.substring(open + 1, close).trim();
    }
}
