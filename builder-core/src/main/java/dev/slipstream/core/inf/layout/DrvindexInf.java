package dev.slipstream.core.inf.layout;

import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfLine;
import dev.slipstream.core.inf.InfSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DRVINDEX.INF, the index of the driver cabinets: {@code [Version] CabFiles=SP2,driver} names the
 * per-cabinet sections in search order, each section lists the files its cabinet holds, and
 * {@code [Cabs]} maps a section to its cabinet file ({@code SP2=sp2.cab}).
 */
public final class DrvindexInf {

    /** A file listed in a cabinet section. */
    public record CabinetFile(String name, String cabSection, String cabinet) {
    }

    private final InfDocument doc;
    /** {@link #index()} as of {@link #indexRevision}: setup's lookups by file name ask it thousands of times. */
    private Map<String, CabinetFile> index;
    private long indexRevision;

    public DrvindexInf(InfDocument doc) {
        this.doc = doc;
    }

    public InfDocument document() {
        return doc;
    }

    /** The cabinet sections of {@code [Version] CabFiles}, in search order. */
    public List<String> cabSections() {
        return doc.fields("Version", "CabFiles").orElse(List.of()).stream().map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** {@code [Cabs]}: cabinet section to cabinet file name. */
    public Map<String, Located<String>> cabs() {
        Map<String, Located<String>> out = new LinkedHashMap<>();
        for (InfSection s : doc.sections("Cabs")) {
            for (InfLine l : s.entries()) {
                if (l.key() != null) {
                    List<String> f = doc.resolvedFields(l);
                    out.putIfAbsent(l.key().toLowerCase(Locale.ROOT), new Located<>(f.isEmpty() ? "" : f.get(0), s.name(), l));
                }
            }
        }
        return out;
    }

    /** The cabinet file of a section, if {@code [Cabs]} names one. */
    public Optional<String> cabinetOf(String cabSection) {
        return Optional.ofNullable(cabs().get(cabSection.toLowerCase(Locale.ROOT))).map(Located::value);
    }

    /** The files a cabinet section lists. */
    public List<Located<String>> filesIn(String cabSection) {
        List<Located<String>> out = new ArrayList<>();
        for (InfSection s : doc.sections(cabSection)) {
            for (InfLine l : s.entries()) {
                String name = l.key() != null ? l.key() : doc.resolvedFields(l).isEmpty() ? "" : doc.resolvedFields(l).get(0);
                if (!name.isBlank()) {
                    out.add(new Located<>(name.trim(), s.name(), l));
                }
            }
        }
        return out;
    }

    /**
     * Every file of every listed cabinet, keyed by lower-cased name; the first cabinet in
     * {@code CabFiles} order wins, as setup searches them in that order.
     */
    public Map<String, CabinetFile> index() {
        Map<String, CabinetFile> cached = index;
        if (cached != null && indexRevision == doc.revision()) {
            return cached;
        }
        Map<String, CabinetFile> out = new LinkedHashMap<>();
        for (String sec : cabSections()) {
            String cab = cabinetOf(sec).orElse(null);
            for (Located<String> f : filesIn(sec)) {
                out.putIfAbsent(f.value().toLowerCase(Locale.ROOT), new CabinetFile(f.value(), sec, cab));
            }
        }
        index = java.util.Collections.unmodifiableMap(out);
        indexRevision = doc.revision();
        return index;
    }

    /** The cabinet setup takes a file from, if any. */
    public Optional<CabinetFile> cabinetFor(String fileName) {
        return Optional.ofNullable(index().get(fileName.toLowerCase(Locale.ROOT)));
    }

    /**
     * Registers a cabinet: its section goes first in {@code CabFiles} (so its files shadow older
     * copies), {@code [Cabs]} gets {@code section=cabinet}, and the section is created.
     */
    public boolean addCabinet(String cabSection, String cabinetFile) {
        boolean changed = false;
        List<String> sections = new ArrayList<>(cabSections());
        if (sections.stream().noneMatch(s -> s.equalsIgnoreCase(cabSection))) {
            sections.add(0, cabSection);
            changed |= doc.set("Version", "CabFiles", String.join(",", sections));
        }
        changed |= doc.set("Cabs", cabSection, cabinetFile);
        if (!doc.hasSection(cabSection)) {
            doc.ensureSection(cabSection);
            changed = true;
        }
        return changed;
    }

    public boolean addFile(String cabSection, String fileName) {
        return doc.addLine(cabSection, fileName);
    }

    public int removeFile(String cabSection, String fileName) {
        return doc.removeLine(cabSection, fileName);
    }
}
