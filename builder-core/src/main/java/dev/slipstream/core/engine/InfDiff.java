package dev.slipstream.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines an edit added to or removed from an INF file, each with its section, for
 * {@code --plan} and the report. Lines are compared as text; order changes are not edits we make.
 */
public final class InfDiff {

    private InfDiff() {
    }

    /** One changed line. */
    public record Line(String file, String section, boolean added, String text) {
        @Override
        public String toString() {
            return file + " [" + section + "] " + (added ? "+ " : "- ") + text;
        }
    }

    public static List<Line> of(String file, String before, String after) {
        List<String[]> old = lines(before);
        List<String[]> now = lines(after);
        Map<String, Integer> oldCount = count(old);
        Map<String, Integer> newCount = count(now);
        List<Line> out = new ArrayList<>();
        for (String[] l : old) {
            String k = l[0] + "\n" + l[1];
            if (newCount.getOrDefault(k, 0) < oldCount.get(k)) {
                out.add(new Line(file, l[0], false, l[1]));
                oldCount.merge(k, -1, Integer::sum);
            }
        }
        Map<String, Integer> oldLeft = count(old);
        for (String[] l : now) {
            String k = l[0] + "\n" + l[1];
            if (oldLeft.getOrDefault(k, 0) > 0) {
                oldLeft.merge(k, -1, Integer::sum);
            } else {
                out.add(new Line(file, l[0], true, l[1]));
            }
        }
        return out;
    }

    private static Map<String, Integer> count(List<String[]> lines) {
        Map<String, Integer> m = new HashMap<>();
        for (String[] l : lines) {
            m.merge(l[0] + "\n" + l[1], 1, Integer::sum);
        }
        return m;
    }

    /** Non-blank lines with the section each is in. */
    private static List<String[]> lines(String text) {
        List<String[]> out = new ArrayList<>();
        String section = "";
        for (String raw : text.split("\r?\n")) {
            String t = raw.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("[") && t.indexOf(']') > 0) {
                section = t.substring(1, t.indexOf(']'));
                continue;
            }
            out.add(new String[] {section, t});
        }
        return out;
    }
}
