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
        if (before.equals(after)) {
            return List.of();
        }
        List<String[]> old = lines(before);
        List<String[]> now = lines(after);
        String[] oldKeys = keys(old);
        String[] newKeys = keys(now);
        Map<String, int[]> oldCount = count(oldKeys);
        Map<String, int[]> newCount = count(newKeys);
        List<Line> out = new ArrayList<>();
        // Of a line the edit left fewer copies of, the first surplus copies are removed...
        for (int i = 0; i < oldKeys.length; i++) {
            int[] o = oldCount.get(oldKeys[i]);
            int[] n = newCount.get(oldKeys[i]);
            if ((n == null ? 0 : n[0]) < o[0]) {
                out.add(new Line(file, old.get(i)[0], false, old.get(i)[1]));
                o[0]--;
            }
        }
        // ...and of a line it made more copies of, the copies after the old ones are added.
        Map<String, int[]> oldLeft = count(oldKeys);
        for (int i = 0; i < newKeys.length; i++) {
            int[] left = oldLeft.get(newKeys[i]);
            if (left != null && left[0] > 0) {
                left[0]--;
            } else {
                out.add(new Line(file, now.get(i)[0], true, now.get(i)[1]));
            }
        }
        return out;
    }

    private static String[] keys(List<String[]> lines) {
        String[] k = new String[lines.size()];
        for (int i = 0; i < k.length; i++) {
            k[i] = lines.get(i)[0] + "\n" + lines.get(i)[1];
        }
        return k;
    }

    private static Map<String, int[]> count(String[] keys) {
        Map<String, int[]> m = new HashMap<>(keys.length * 2);
        for (String k : keys) {
            m.computeIfAbsent(k, x -> new int[1])[0]++;
        }
        return m;
    }

    /** Non-blank lines with the section each is in. */
    private static List<String[]> lines(String text) {
        List<String[]> out = new ArrayList<>();
        String section = "";
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String t = text.substring(start, end).strip(); // strips a CR before the LF too
            start = end + 1;
            if (t.isEmpty()) {
                if (nl < 0) {
                    break;
                }
                continue;
            }
            if (t.startsWith("[") && t.indexOf(']') > 0) {
                section = t.substring(1, t.indexOf(']'));
            } else {
                out.add(new String[] {section, t});
            }
            if (nl < 0) {
                break;
            }
        }
        return out;
    }
}
