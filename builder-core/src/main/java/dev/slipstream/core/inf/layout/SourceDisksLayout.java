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
 * What TXTSETUP.SIF and LAYOUT.INF share: {@code [SourceDisksNames(.arch)]},
 * {@code [SourceDisksFiles(.arch)]} and the {@code spcdname} string. Architectures are named as
 * setup names them: {@code x86}, {@code amd64}, {@code ia64}.
 */
public abstract class SourceDisksLayout {

    protected final InfDocument doc;

    protected SourceDisksLayout(InfDocument doc) {
        this.doc = doc;
    }

    public InfDocument document() {
        return doc;
    }

    static String filesSection(String arch) {
        return arch == null ? "SourceDisksFiles" : "SourceDisksFiles." + arch;
    }

    static String namesSection(String arch) {
        return arch == null ? "SourceDisksNames" : "SourceDisksNames." + arch;
    }

    /**
     * The disk names for an architecture: {@code [SourceDisksNames.arch]} entries first, then the
     * common {@code [SourceDisksNames]} ones with ids not already given.
     */
    public Map<String, Located<SourceDisksName>> sourceDisksNames(String arch) {
        Map<String, Located<SourceDisksName>> out = new LinkedHashMap<>();
        for (String section : arch == null ? List.of(namesSection(null)) : List.of(namesSection(arch), namesSection(null))) {
            for (InfSection s : doc.sections(section)) {
                for (InfLine l : s.entries()) {
                    if (l.key() != null) {
                        String id = l.key().toLowerCase(Locale.ROOT);
                        out.putIfAbsent(id, new Located<>(SourceDisksName.fromFields(l.key(), doc.resolvedFields(l)),
                                s.name(), l));
                    }
                }
            }
        }
        return out;
    }

    /** Every {@code [SourceDisksFiles]} and {@code [SourceDisksFiles.arch]} record, in file order per section. */
    public List<Located<SourceDisksFile>> sourceDisksFiles(String arch) {
        List<Located<SourceDisksFile>> out = new ArrayList<>();
        for (String section : arch == null ? List.of(filesSection(null)) : List.of(filesSection(null), filesSection(arch))) {
            for (InfSection s : doc.sections(section)) {
                for (InfLine l : s.entries()) {
                    if (l.key() != null) {
                        out.add(new Located<>(SourceDisksFile.fromFields(l.key(), l.fields()), s.name(), l));
                    }
                }
            }
        }
        return out;
    }

    /** The record of a file for an architecture: the arch-specific section wins over the common one. */
    public Optional<Located<SourceDisksFile>> sourceDisksFile(String arch, String name) {
        if (arch != null) {
            Optional<Located<SourceDisksFile>> specific = find(filesSection(arch), name);
            if (specific.isPresent()) {
                return specific;
            }
        }
        return find(filesSection(null), name);
    }

    private Optional<Located<SourceDisksFile>> find(String section, String name) {
        for (InfSection s : doc.sections(section)) {
            Optional<InfLine> l = s.entry(name);
            if (l.isPresent()) {
                return Optional.of(new Located<>(SourceDisksFile.fromFields(l.get().key(), l.get().fields()), s.name(), l.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Adds or replaces a file record. An existing record (in the arch-specific or the common
     * section) is rewritten in place; a new one goes into {@code [SourceDisksFiles.arch]}, or
     * {@code [SourceDisksFiles]} when {@code arch} is null.
     *
     * @return true if the document changed
     */
    public boolean putSourceDisksFile(String arch, SourceDisksFile file) {
        Optional<Located<SourceDisksFile>> existing = sourceDisksFile(arch, file.name());
        String section = existing.map(Located::section).orElse(filesSection(arch));
        if (existing.isPresent() && existing.get().value().equals(file)) {
            return false;
        }
        return doc.set(section, file.name(), file.toValue());
    }

    /** Removes a file's records from both the common and the arch-specific section; returns how many. */
    public int removeSourceDisksFile(String arch, String name) {
        int n = doc.delete(filesSection(null), name);
        if (arch != null) {
            n += doc.delete(filesSection(arch), name);
        }
        return n;
    }

    /** Adds or replaces a disk name, e.g. {@code 100 = %spcdname%,%spcdtagfilei%,,\i386}. */
    public boolean putSourceDisksName(String arch, String id, String rawValue) {
        return doc.set(namesSection(arch), id, rawValue);
    }

    /** {@code [Strings] spcdname}: the service-pack CD name integrated media carry. */
    public Optional<String> spcdname() {
        return doc.string("spcdname").or(() -> doc.string("spcd"));
    }
}
