package dev.slipstream.core.inf.layout;

import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfLine;
import dev.slipstream.core.inf.InfSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DOSNET.INF, read by winnt and winnt32 to copy the media to disk: {@code [Files]} lines
 * {@code d1,name[,source name]} (every new or updated file needs one, KB822404),
 * {@code [FloppyFiles.N]}, {@code [Directories]} ({@code d1 = \i386}) and {@code [OptionalSrcDirs]}.
 */
public final class DosnetInf {

    /** One copy line: {@code dirKey,name[,sourceName]}; {@code d1} names a {@code [Directories]} entry. */
    public record FileLine(String dirKey, String name, String sourceName) {

        /** The name of the file on the media (the source name when given). */
        public String mediaName() {
            return sourceName == null || sourceName.isBlank() ? name : sourceName;
        }
    }

    private final InfDocument doc;

    public DosnetInf(InfDocument doc) {
        this.doc = doc;
    }

    public InfDocument document() {
        return doc;
    }

    /** {@code [Files]}. */
    public List<Located<FileLine>> files() {
        return fileLines("Files");
    }

    /** {@code [FloppyFiles.N]} for boot floppy N (0-based as in the file). */
    public List<Located<FileLine>> floppyFiles(int n) {
        return fileLines("FloppyFiles." + n);
    }

    /** The numbers N of every {@code [FloppyFiles.N]} section present. */
    public List<Integer> floppyNumbers() {
        List<Integer> out = new ArrayList<>();
        for (String s : doc.sectionNames()) {
            if (s.regionMatches(true, 0, "FloppyFiles.", 0, 12)) {
                try {
                    out.add(Integer.parseInt(s.substring(12).trim()));
                } catch (NumberFormatException e) {
                    // not a floppy number: ignore the section
                }
            }
        }
        return out;
    }

    /** {@code [Directories]}: key ({@code d1}) to media path. */
    public Map<String, String> directories() {
        Map<String, String> out = new LinkedHashMap<>();
        for (InfLine l : doc.entries("Directories")) {
            if (l.key() != null) {
                List<String> f = doc.resolvedFields(l);
                out.putIfAbsent(l.key(), f.isEmpty() ? "" : f.get(0));
            }
        }
        return out;
    }

    /** {@code [OptionalSrcDirs]}: folders under the architecture folder to copy too (e.g. {@code svcpack}). */
    public List<Located<String>> optionalSrcDirs() {
        List<Located<String>> out = new ArrayList<>();
        for (InfSection s : doc.sections("OptionalSrcDirs")) {
            for (InfLine l : s.entries()) {
                List<String> f = doc.resolvedFields(l);
                String dir = l.key() != null ? l.key() : f.isEmpty() ? "" : f.get(0);
                out.add(new Located<>(dir, s.name(), l));
            }
        }
        return out;
    }

    /** Adds {@code d1,name} to {@code [Files]} unless it is there; returns true if added. */
    public boolean addFile(String name) {
        return doc.addLine("Files", "d1," + name);
    }

    /** Adds {@code d1,name} to {@code [FloppyFiles.N]} unless it is there. */
    public boolean addFloppyFile(int n, String name) {
        return doc.addLine("FloppyFiles." + n, "d1," + name);
    }

    /** Removes every {@code [Files]} line for the file (any directory key); returns how many. */
    public int removeFile(String name) {
        int removed = 0;
        for (Located<FileLine> f : files()) {
            if (f.value().name().equalsIgnoreCase(name) && doc.remove(f.line())) {
                removed++;
            }
        }
        return removed;
    }

    public boolean addOptionalSrcDir(String dir) {
        return doc.addLine("OptionalSrcDirs", dir);
    }

    private List<Located<FileLine>> fileLines(String section) {
        List<Located<FileLine>> out = new ArrayList<>();
        for (InfSection s : doc.sections(section)) {
            for (InfLine l : s.entries()) {
                List<String> f = doc.resolvedFields(l);
                if (l.key() == null && f.size() >= 2) {
                    out.add(new Located<>(new FileLine(f.get(0), f.get(1), f.size() > 2 ? f.get(2) : null), s.name(), l));
                }
            }
        }
        return out;
    }
}
