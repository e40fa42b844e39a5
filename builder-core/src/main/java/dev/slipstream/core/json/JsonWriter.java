package dev.slipstream.core.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer for our reports and {@code --json} outputs. Keys come out in the
 * order they are written, so output is stable and diffable. Pretty-printed with two spaces.
 *
 * <pre>{@code
 * JsonWriter w = new JsonWriter(out);
 * w.beginObject().name("name").value("SP2.exe").name("size").value(377180528L).endObject();
 * }</pre>
 */
public final class JsonWriter {

    private final Appendable out;
    private final Deque<boolean[]> firstInScope = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter(Appendable out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        beforeValue();
        write("{");
        firstInScope.push(new boolean[] {true});
        return this;
    }

    public JsonWriter endObject() {
        return end("}");
    }

    public JsonWriter beginArray() {
        beforeValue();
        write("[");
        firstInScope.push(new boolean[] {true});
        return this;
    }

    public JsonWriter endArray() {
        return end("]");
    }

    public JsonWriter name(String name) {
        separate();
        writeString(name);
        write(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        if (s == null) {
            write("null");
        } else {
            writeString(s);
        }
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        write(Long.toString(n));
        return this;
    }

    public JsonWriter value(double d) {
        beforeValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            write("null");
        } else {
            write(Double.toString(d));
        }
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        write(b ? "true" : "false");
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        write("null");
        return this;
    }

    /** Ends the document with a newline; the writer must be at the top level. */
    public void finish() {
        if (!firstInScope.isEmpty()) {
            throw new IllegalStateException("unclosed JSON object or array");
        }
        write("\n");
    }

    private JsonWriter end(String close) {
        boolean[] first = firstInScope.pop();
        if (!first[0]) {
            newline();
        }
        write(close);
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!firstInScope.isEmpty()) {
            separate();
        }
    }

    private void separate() {
        boolean[] first = firstInScope.peek();
        if (first == null) {
            return;
        }
        if (!first[0]) {
            write(",");
        }
        first[0] = false;
        newline();
    }

    private void newline() {
        write("\n");
        for (int i = 0; i < firstInScope.size(); i++) {
            write("  ");
        }
    }

    private void writeString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        write(sb.append('"').toString());
    }

    private void write(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
