package dev.slipstream.core.inf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One occurrence of a section: its header line and the lines up to the next header. A file may
 * hold several sections of the same name; setup merges them, and so do the lookups of
 * {@link InfDocument}. The lines before the first header form a section without a name.
 */
public final class InfSection {

    private final InfLine header;
    private final List<InfLine> lines = new ArrayList<>();
    private Map<String, List<InfLine>> index;
    private String name;

    InfSection(InfLine header) {
        this.header = header;
    }

    /** The name as written between the brackets, or {@code null} for the lines before the first header. */
    public String name() {
        // The header's text only ever changes by gaining a line ending, so its name is read once.
        String n = name;
        if (n == null && header != null) {
            n = header.sectionName();
            name = n;
        }
        return n;
    }

    /** The header line, or {@code null} for the lines before the first header. */
    public InfLine header() {
        return header;
    }

    /** Every line after the header: entries, comments and blank lines, in file order. */
    public List<InfLine> lines() {
        return Collections.unmodifiableList(lines);
    }

    /** The entry lines, in file order. */
    public List<InfLine> entries() {
        List<InfLine> out = new ArrayList<>();
        for (InfLine l : lines) {
            if (l.isEntry()) {
                out.add(l);
            }
        }
        return out;
    }

    /** The first entry with this key, compared case-insensitively as setup does (through the section's index). */
    public java.util.Optional<InfLine> entry(String key) {
        List<InfLine> l = byIdentity("k:" + key.strip().toLowerCase(Locale.ROOT));
        return l.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(l.get(0));
    }

    /** Entries with this identity ({@link InfLine#identity()}), in file order. */
    List<InfLine> byIdentity(String identity) {
        return index().getOrDefault(identity, List.of());
    }

    List<InfLine> mutableLines() {
        return lines;
    }

    /** Appends a line while parsing, before any index exists. */
    void appendParsed(InfLine line) {
        lines.add(line);
    }

    void insert(int position, InfLine line) {
        lines.add(position, line);
        if (index != null && line.isEntry()) {
            index.computeIfAbsent(line.identity(), k -> new ArrayList<>(1)).add(line);
            // keep file order within an identity
            List<InfLine> same = index.get(line.identity());
            if (same.size() > 1) {
                same.sort((a, b) -> Integer.compare(indexOfIdentity(a), indexOfIdentity(b)));
            }
        }
    }

    boolean remove(InfLine line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == line) {
                lines.remove(i);
                if (index != null && line.isEntry()) {
                    List<InfLine> same = index.get(line.identity());
                    if (same != null) {
                        same.removeIf(l -> l == line);
                        if (same.isEmpty()) {
                            index.remove(line.identity());
                        }
                    }
                }
                return true;
            }
        }
        return false;
    }

    /** Called after a line's text changed in a way that may change its identity. */
    void reindex() {
        index = null;
    }

    /** Where a new entry goes: after the last entry (trailing comments often belong to the next section). */
    int insertionPoint() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).isEntry()) {
                return i + 1;
            }
        }
        return 0;
    }

    private int indexOfIdentity(InfLine line) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == line) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private Map<String, List<InfLine>> index() {
        Map<String, List<InfLine>> idx = index;
        if (idx == null) {
            idx = new HashMap<>();
            for (InfLine l : lines) {
                if (l.isEntry()) {
                    idx.computeIfAbsent(l.identity(), k -> new ArrayList<>(1)).add(l);
                }
            }
            index = idx;
        }
        return idx;
    }

    static String normalize(String sectionName) {
        return sectionName == null ? null : sectionName.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return header == null ? "(before the first section)" : "[" + name() + "]";
    }
}
