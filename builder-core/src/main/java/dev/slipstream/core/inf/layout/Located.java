package dev.slipstream.core.inf.layout;

import dev.slipstream.core.inf.InfLine;

/**
 * A typed record together with where it is written: the section occurrence's name as written and
 * the line, so that reports can point at file, section and line.
 */
public record Located<T>(T value, String section, InfLine line) {

    /** The 1-based line number in the file as read, 0 for a line added by an edit. */
    public int lineNumber() {
        return line.lineNumber();
    }
}
