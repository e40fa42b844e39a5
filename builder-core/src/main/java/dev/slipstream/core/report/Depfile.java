package dev.slipstream.core.report;

import dev.slipstream.core.io.AtomicOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A Make dependency file, as {@code gcc -MD -MP} writes them: one rule saying that the outputs
 * depend on every input the build read, then an empty rule per input so that deleting an input
 * makes the image stale instead of breaking make. Paths under the current folder are written
 * relative to it (Make compares target names as strings, and a Makefile names its targets
 * relative to itself); others are absolute.
 */
public final class Depfile {

    private Depfile() {
    }

    public static void write(Path depfile, List<Path> targets, List<Path> inputs) throws IOException {
        String text = render(targets, inputs, Path.of("").toAbsolutePath());
        try (AtomicOutput out = AtomicOutput.create(depfile)) {
            OutputStream os = out.stream();
            os.write(text.getBytes(StandardCharsets.UTF_8));
            os.flush();
            out.commit();
        }
    }

    static String render(List<Path> targets, List<Path> inputs, Path cwd) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a depfile needs at least one output (--out or --out-tree)");
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < targets.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(escape(name(targets.get(i), cwd)));
        }
        sb.append(':');
        for (Path p : inputs) {
            sb.append(" \\\n  ").append(escape(name(p, cwd)));
        }
        sb.append('\n');
        for (Path p : inputs) {
            sb.append('\n').append(escape(name(p, cwd))).append(":\n");
        }
        return sb.toString();
    }

    static String name(Path p, Path cwd) {
        Path abs = p.toAbsolutePath().normalize();
        Path rel = abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
        String s = rel.toString();
        return s.isEmpty() ? "." : s;
    }

    /**
     * Make's quoting: a space or tab is preceded by a backslash (with any backslashes right before
     * it doubled), {@code #} becomes {@code \#}, {@code $} becomes {@code $$}. A newline cannot be
     * written in a Make rule at all, so such a path is refused.
     */
    static String escape(String path) {
        StringBuilder sb = new StringBuilder(path.length() + 8);
        int backslashes = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            switch (c) {
                case '\n', '\r' -> throw new IllegalArgumentException("Make cannot name a file with a line break: " + path);
                case ' ', '\t' -> {
                    sb.append("\\".repeat(backslashes)).append('\\').append(c);
                    backslashes = 0;
                    continue;
                }
                case '#' -> {
                    sb.append("\\".repeat(backslashes)).append("\\#");
                    backslashes = 0;
                    continue;
                }
                case '$' -> sb.append("$$");
                default -> sb.append(c);
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
        }
        return sb.toString();
    }
}
