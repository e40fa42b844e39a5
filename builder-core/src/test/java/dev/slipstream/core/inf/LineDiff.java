package dev.slipstream.core.inf;

import java.util.ArrayList;
import java.util.List;

/** A one-hunk line diff for tests: what an edit removed and added between common head and tail. */
record LineDiff(int firstLine, List<String> removed, List<String> added) {

    static LineDiff of(String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        return new LineDiff(head + 1, a.subList(head, a.size() - tail), b.subList(head, b.size() - tail));
    }

    /** Physical lines with their terminators, so that a changed line ending shows up. */
    static List<String> lines(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                out.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }
}
