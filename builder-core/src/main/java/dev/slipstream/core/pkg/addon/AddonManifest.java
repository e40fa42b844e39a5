package dev.slipstream.core.pkg.addon;

import dev.slipstream.core.inf.layout.SourceDisksFile;
import dev.slipstream.core.pe.MachineType;
import dev.slipstream.core.pkg.Language;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an addon's {@code entries*.ini} says, reduced to what slipstream applies: the pack's
 * description ({@code [general]}), the media it is for, and its setup lines. docs/addon-format.md
 * lists every section and what becomes of it.
 *
 * @param entriesName the member the manifest was read from, e.g. {@code entries_sstools.ini}
 * @param general the {@code [general]} keys, lower case, with their values
 * @param language the language {@code [general] language=} names; empty for a neutral pack
 * @param architecture the machine {@code [general] architecture=} names; empty when not said
 * @param txtsetup the {@code [txtsetup_files]} records, {@code %filenames%} substituted
 * @param dosnet the {@code [dosnet_files]} lines
 */
public record AddonManifest(String entriesName, Map<String, String> general, Optional<Language> language,
        Optional<MachineType> architecture, List<TxtsetupLine> txtsetup, List<DosnetLine> dosnet) {

    /** One {@code [txtsetup_files]} line: a TXTSETUP.SIF {@code [SourceDisksFiles]} record. */
    public record TxtsetupLine(SourceDisksFile record, int line) {
    }

    /** One {@code [dosnet_files]} line: {@code d1,name}. */
    public record DosnetLine(String directoryKey, String name, int line) {
    }

    /** {@code [general] title=}, else the entries file's name. */
    public String title() {
        String t = general.getOrDefault("title", "").strip();
        return t.isEmpty() ? entriesName : t;
    }

    /** {@code [general] version=}, or empty. */
    public String version() {
        return general.getOrDefault("version", "").strip();
    }

    /** The {@code [txtsetup_files]} record of {@code name}, compared case-insensitively. */
    public Optional<TxtsetupLine> txtsetupLine(String name) {
        return txtsetup.stream().filter(t -> t.record().name().equalsIgnoreCase(name)).findFirst();
    }
}
