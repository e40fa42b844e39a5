package dev.slipstream.core.error;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An input that is not what it claims to be: a corrupt cabinet, a hostile header, a broken INF,
 * the wrong architecture. The message speaks to a build engineer: which file, where in it, what
 * is wrong and, when we know, what to do about it.
 *
 * <p>It extends {@link IOException} so that stream-based parsers can throw it through
 * {@link java.io.InputStream} methods without wrapping.
 */
public class BadInputException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long offset;
    private final int line;
    private final String problem;
    private final String hint;

    private BadInputException(Builder b, Throwable cause) {
        super(format(b), cause);
        this.source = b.source;
        this.offset = b.offset;
        this.line = b.line;
        this.problem = b.problem;
        this.hint = b.hint;
    }

    /** Starts a report about {@code source}, usually a file name or a member path. */
    public static Builder in(String source) {
        return new Builder(source);
    }

    public static Builder in(Path source) {
        return new Builder(source == null ? null : source.toString());
    }

    /** The file or member the problem is in, or {@code null} when unknown. */
    public String source() {
        return source;
    }

    /** The byte offset of the problem, or -1. */
    public long offset() {
        return offset;
    }

    /** The 1-based line of the problem, or -1. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }

    /** What the user can do about it, or {@code null}. */
    public String hint() {
        return hint;
    }

    /**
     * Returns a copy that names {@code outer} as the containing file, e.g. when a member of a
     * cabinet inside an SFX package is broken.
     */
    public BadInputException within(String outer) {
        Builder b = new Builder(source == null ? outer : outer + ": " + source);
        b.offset = offset;
        b.line = line;
        b.problem = problem;
        b.hint = hint;
        return new BadInputException(b, getCause());
    }

    private static String format(Builder b) {
        StringBuilder sb = new StringBuilder();
        if (b.source != null) {
            sb.append(b.source);
            if (b.line > 0) {
                sb.append(':').append(b.line);
            }
            if (b.offset >= 0) {
                sb.append(" at offset ").append(b.offset).append(String.format(" (0x%X)", b.offset));
            }
            sb.append(": ");
        }
        sb.append(Objects.requireNonNullElse(b.problem, "invalid input"));
        if (b.hint != null) {
            sb.append(". ").append(b.hint);
        }
        return sb.toString();
    }

    /** Fluent construction, so that call sites read like the message they produce. */
    public static final class Builder {
        private final String source;
        private long offset = -1;
        private int line = -1;
        private String problem;
        private String hint;

        private Builder(String source) {
            this.source = source;
        }

        public Builder atOffset(long offset) {
            this.offset = offset;
            return this;
        }

        public Builder atLine(int line) {
            this.line = line;
            return this;
        }

        public Builder hint(String hint) {
            this.hint = hint;
            return this;
        }

        public BadInputException problem(String problem) {
            this.problem = problem;
            return new BadInputException(this, null);
        }

        public BadInputException problem(String format, Object... args) {
            return problem(String.format(format, args));
        }

        public BadInputException problem(Throwable cause, String problem) {
            this.problem = problem;
            return new BadInputException(this, cause);
        }
    }
}
