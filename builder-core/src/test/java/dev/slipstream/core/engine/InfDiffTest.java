package dev.slipstream.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InfDiffTest {

    @Test
    void aReplacedLineIsOneRemovalAndOneAdditionInItsSection() {
        String before = "[Version]\r\nSignature=\"$Windows NT$\"\r\n\r\n[SourceDisksFiles]\r\nntdll.dll = 1,,,,,,,2,0,0\r\n";
        String after = "[Version]\r\nSignature=\"$Windows NT$\"\r\n\r\n[SourceDisksFiles]\r\nntdll.dll = 100,,,,,,,2,0,0\r\nsp2.cat = 100\r\n";
        assertThat(InfDiff.of("I386\\TXTSETUP.SIF", before, after)).extracting(InfDiff.Line::toString).containsExactly(
                "I386\\TXTSETUP.SIF [SourceDisksFiles] - ntdll.dll = 1,,,,,,,2,0,0",
                "I386\\TXTSETUP.SIF [SourceDisksFiles] + ntdll.dll = 100,,,,,,,2,0,0",
                "I386\\TXTSETUP.SIF [SourceDisksFiles] + sp2.cat = 100");
        assertThat(InfDiff.of("x", before, before)).isEmpty();
        // Only the line ends and blank lines differ: no change.
        assertThat(InfDiff.of("x", before, before.replace("\r\n", "\n").replace("\n\n", "\n"))).isEmpty();
    }

    @Test
    void duplicateLinesCountAsMany() {
        String before = "[Files]\nd1,a.dll\nd1,a.dll\nd1,b.dll\n";
        String after = "[Files]\nd1,a.dll\nd1,b.dll\nd1,b.dll\nd1,b.dll\n";
        assertThat(InfDiff.of("f", before, after)).extracting(InfDiff.Line::toString)
                .containsExactly("f [Files] - d1,a.dll", "f [Files] + d1,b.dll", "f [Files] + d1,b.dll");
        // The same text in another section is another line.
        assertThat(InfDiff.of("f", "[A]\nx=1\n", "[B]\nx=1\n")).extracting(InfDiff.Line::toString)
                .containsExactly("f [A] - x=1", "f [B] + x=1");
    }

    /** The multiset definition, written plainly: the reference for random edits. */
    private static List<String> reference(String before, String after) {
        List<String[]> old = plainLines(before);
        List<String[]> now = plainLines(after);
        Map<String, Integer> newCount = new HashMap<>();
        now.forEach(l -> newCount.merge(l[0] + "\n" + l[1], 1, Integer::sum));
        Map<String, Integer> oldCount = new HashMap<>();
        old.forEach(l -> oldCount.merge(l[0] + "\n" + l[1], 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String[] l : old) {
            String k = l[0] + "\n" + l[1];
            if (newCount.getOrDefault(k, 0) < oldCount.get(k)) {
                out.add("f [" + l[0] + "] - " + l[1]);
                oldCount.merge(k, -1, Integer::sum);
            }
        }
        Map<String, Integer> left = new HashMap<>();
        old.forEach(l -> left.merge(l[0] + "\n" + l[1], 1, Integer::sum));
        for (String[] l : now) {
            String k = l[0] + "\n" + l[1];
            if (left.getOrDefault(k, 0) > 0) {
                left.merge(k, -1, Integer::sum);
            } else {
                out.add("f [" + l[0] + "] + " + l[1]);
            }
        }
        return out;
    }

    private static List<String[]> plainLines(String text) {
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

    @Test
    void randomEditsGiveWhatTheDefinitionGives() {
        Random r = new Random(914961);
        for (int round = 0; round < 300; round++) {
            List<String> lines = new ArrayList<>();
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                lines.add(r.nextInt(8) == 0 ? "[S" + r.nextInt(3) + "]" : r.nextInt(10) == 0 ? "" : "k" + r.nextInt(6) + "=" + r.nextInt(3));
            }
            List<String> edited = new ArrayList<>(lines);
            for (int e = r.nextInt(6); e > 0; e--) {
                int at = edited.isEmpty() ? 0 : r.nextInt(edited.size());
                switch (r.nextInt(3)) {
                    case 0 -> edited.add(at, "k" + r.nextInt(6) + "=" + r.nextInt(3));
                    case 1 -> {
                        if (!edited.isEmpty()) {
                            edited.remove(at);
                        }
                    }
                    default -> {
                        if (!edited.isEmpty()) {
                            edited.set(at, "k" + r.nextInt(6) + "=9");
                        }
                    }
                }
            }
            String before = String.join(r.nextBoolean() ? "\r\n" : "\n", lines);
            String after = String.join("\r\n", edited) + (r.nextBoolean() ? "\r\n" : "");
            assertThat(InfDiff.of("f", before, after)).extracting(InfDiff.Line::toString).as(before + "\n=>\n" + after)
                    .containsExactlyElementsOf(reference(before, after));
        }
    }
}
