package dev.slipstream.core.inf.layout;

/** Small helpers for writing INF field text. */
final class InfText {

    private InfText() {
    }

    /** Quotes a field that would otherwise be split or cut (commas, semicolons, quotes, edge spaces). */
    static String quoteIfNeeded(String field) {
        boolean needs = field.indexOf(',') >= 0 || field.indexOf(';') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('=') >= 0 || (!field.isEmpty() && (Character.isWhitespace(field.charAt(0))
                        || Character.isWhitespace(field.charAt(field.length() - 1)) || field.endsWith("\\")));
        return needs ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
