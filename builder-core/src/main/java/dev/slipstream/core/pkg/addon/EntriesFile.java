package dev.slipstream.core.pkg.addon;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfLine;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.inf.InfSection;
import dev.slipstream.core.inf.layout.SourceDisksFile;
import dev.slipstream.core.pe.MachineType;
import dev.slipstream.core.pkg.Language;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an addon's {@code entries*.ini} through our lossless INF parser (SetupAPI's token rules,
 * every line with its number) and keeps what slipstream applies. A section it would have to apply
 * but cannot (registry hives, SYSOC, arbitrary file edits, removals) is refused with its line: an
 * addon is integrated completely or not at all, never silently in part. docs/addon-format.md.
 */
public final class EntriesFile {

    /** Larger than any real entries file (RyanVM's update pack's was about 300 KiB). */
    public static final int MAX_BYTES = 1 << 20;

    /** A [txtsetup_files] record needs fields up to 10 (install disposition), as setup reads them. */
    static final int MIN_TXTSETUP_FIELDS = 10;

    /** Sections that change nothing slipstream does not already do; accepted and left at that. */
    private static final Set<String> INFORMATIONAL = Set.of("i386_compress", "neededcomponents");

    /** The [general] keys that only describe the pack. */
    private static final Set<String> DESCRIPTIVE = Set.of("builddate", "description", "title", "version", "website",
            "author", "email", "windows", "releasetype", "customizedby", "copyright", "company", "installpackagename",
            "lastupdatetime");

    private EntriesFile() {
    }

    /**
     * @param source how messages name the file: {@code pack.7z: entries_x.ini}
     */
    public static AddonManifest parse(byte[] bytes, String source, String entriesName, InfReadOptions read)
            throws IOException {
        if (bytes.length > MAX_BYTES) {
            throw BadInputException.in(source).hint("this is not an entries file")
                    .problem("is %d bytes, more than the %d KiB an entries file may have", bytes.length, MAX_BYTES >> 10);
        }
        InfDocument doc = InfParser.parse(bytes, source, read.strictly());
        Map<String, String> general = new LinkedHashMap<>();
        Map<String, String> vars = new LinkedHashMap<>();
        for (InfSection s : doc.sections()) {
            String name = s.name();
            if (name == null) {
                for (InfLine l : s.entries()) {
                    throw BadInputException.in(source).atLine(l.lineNumber()).hint("put it under a [section] header")
                            .problem("'%s' is outside any section", l.content().strip());
                }
                continue;
            }
            String n = name.strip().toLowerCase(Locale.ROOT);
            switch (n) {
                case "general" -> {
                    for (InfLine l : s.entries()) {
                        general.put(key(l, source).toLowerCase(Locale.ROOT), value(l));
                    }
                }
                case "filenames" -> {
                    for (InfLine l : s.entries()) {
                        vars.put(key(l, source).toLowerCase(Locale.ROOT), value(l));
                    }
                }
                case "txtsetup_files", "dosnet_files" -> {
                    // read below, after [filenames] is complete wherever it stands
                }
                default -> {
                    if (!INFORMATIONAL.contains(n)) {
                        throw unsupported(source, s.header().lineNumber(), name);
                    }
                }
            }
        }
        for (Map.Entry<String, String> e : general.entrySet()) {
            if (e.getKey().equals("flags") && !e.getValue().isBlank()) {
                int line = doc.entry("general", "flags").map(InfLine::lineNumber).orElse(-1);
                throw BadInputException.in(source).atLine(line)
                        .hint("remove the flags line: slipstream always decides a replaced file by its version")
                        .problem("[general] flags=%s asks to replace files whatever their version, which slipstream does not do",
                                e.getValue());
            }
        }
        List<AddonManifest.TxtsetupLine> txt = new ArrayList<>();
        Set<String> txtNames = new java.util.HashSet<>(); // a 1 MiB file has ~50,000 lines: no pairwise compare
        for (InfLine l : doc.entries("txtsetup_files")) {
            String fileName = fileName(subst(key(l, source), vars, source, l), "txtsetup_files", source, l);
            List<String> fields = new ArrayList<>();
            for (String f : l.fields()) {
                fields.add(subst(f, vars, source, l));
            }
            if (fields.size() < MIN_TXTSETUP_FIELDS) {
                throw BadInputException.in(source).atLine(l.lineNumber())
                        .hint("write all ten fields, e.g. " + fileName + " = 100,,,,,,,2,0,0")
                        .problem("[txtsetup_files] '%s' has %d fields; setup needs at least %d", l.content().strip(),
                                fields.size(), MIN_TXTSETUP_FIELDS);
            }
            if (fields.size() > 13) {
                throw BadInputException.in(source).atLine(l.lineNumber()).hint("a [SourceDisksFiles] record has 13 fields")
                        .problem("[txtsetup_files] '%s' has %d fields", l.content().strip(), fields.size());
            }
            if (!fields.get(0).matches("\\d{1,5}")) {
                throw BadInputException.in(source).atLine(l.lineNumber())
                        .hint("field 1 is the source disk id: 1 (the CD) or 100 (the service pack)")
                        .problem("[txtsetup_files] '%s' has no disk id", l.content().strip());
            }
            if (!txtNames.add(fileName.toLowerCase(Locale.ROOT))) {
                throw BadInputException.in(source).atLine(l.lineNumber()).hint("keep one line per file")
                        .problem("[txtsetup_files] lists %s twice", fileName);
            }
            txt.add(new AddonManifest.TxtsetupLine(SourceDisksFile.fromFields(fileName, fields), l.lineNumber()));
        }
        List<AddonManifest.DosnetLine> dos = new ArrayList<>();
        for (InfLine l : doc.entries("dosnet_files")) {
            List<String> f = l.fields();
            if (l.key() != null || f.size() != 2 || f.get(0).isBlank() || f.get(1).isBlank()) {
                throw BadInputException.in(source).atLine(l.lineNumber()).hint("write it as d1,FILE.EXT")
                        .problem("[dosnet_files] '%s' is not a directory key and a file name", l.content().strip());
            }
            dos.add(new AddonManifest.DosnetLine(f.get(0).strip(),
                    fileName(subst(f.get(1).strip(), vars, source, l), "dosnet_files", source, l), l.lineNumber()));
        }
        Optional<Language> language = language(general.getOrDefault("language", ""), source,
                doc.entry("general", "language").map(InfLine::lineNumber).orElse(-1));
        String archText = general.getOrDefault("architecture", general.getOrDefault("processorarchitecture", "")).strip();
        Optional<MachineType> arch = Optional.empty();
        if (!archText.isEmpty()) {
            arch = MachineType.fromName(archText);
            if (arch.isEmpty()) {
                int line = doc.entry("general", "architecture").or(() -> doc.entry("general", "processorArchitecture"))
                        .map(InfLine::lineNumber).orElse(-1);
                throw BadInputException.in(source).atLine(line).hint("write x86, x64 or ia64")
                        .problem("[general] architecture=%s is not an architecture slipstream knows", archText);
            }
        }
        for (String k : general.keySet()) {
            if (!DESCRIPTIVE.contains(k) && !Set.of("language", "architecture", "processorarchitecture", "flags").contains(k)) {
                int line = doc.entry("general", k).map(InfLine::lineNumber).orElse(-1);
                throw BadInputException.in(source).atLine(line)
                        .hint("remove it; [general] keys are builddate, description, language, architecture, title, version, website")
                        .problem("[general] %s= is a key slipstream does not know, so it cannot tell what it would change", k);
            }
        }
        return new AddonManifest(entriesName, general, language, arch, List.copyOf(txt), List.copyOf(dos));
    }

    private static BadInputException unsupported(String source, int line, String section) {
        String what = switch (section.strip().toLowerCase(Locale.ROOT)) {
            case "addhive", "addreg", "hivesft", "hivedef", "hivesys", "hivecls", "hiveusr" ->
                    "it writes registry entries through the setup hives (HIVE*.INF)";
            case "sysoc", "syspreoc", "sysprepoc" -> "it adds optional components to SYSOC.INF";
            case "editfile", "adddirective", "extrafileedits" -> "it edits setup files by text";
            case "obsolete_files" -> "it deletes files from the media";
            case "addprogram", "cabs" -> "it installs programs or cabinets by rules slipstream does not implement";
            default -> section.toLowerCase(Locale.ROOT).startsWith("processestorun")
                    || section.toLowerCase(Locale.ROOT).startsWith("security")
                    || section.toLowerCase(Locale.ROOT).startsWith("globalofflinechanges")
                    ? "it acts on a running or offline system, not on install media"
                    : "it is not a section of the RyanVM/nLite entries format slipstream knows";
        };
        return BadInputException.in(source).atLine(line)
                .hint("remove the section, or integrate this addon with the tool it was made for (docs/addon-format.md lists what slipstream applies)")
                .problem("[%s] is not supported: %s; slipstream integrates an addon completely or not at all", section.strip(), what);
    }

    private static String key(InfLine l, String source) throws BadInputException {
        String k = l.key();
        if (k == null || k.isBlank()) {
            throw BadInputException.in(source).atLine(l.lineNumber()).hint("write it as KEY = VALUE")
                    .problem("[%s] '%s' has no key", l.sectionName() == null ? "" : l.sectionName(), l.content().strip());
        }
        return k.strip();
    }

    private static String value(InfLine l) {
        String v = l.rawValue();
        if (v == null) {
            return "";
        }
        v = v.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** A file name after {@code %var%} substitution: an empty [filenames] value leaves none. */
    private static String fileName(String substituted, String section, String source, InfLine l) throws BadInputException {
        if (substituted.isBlank()) {
            throw BadInputException.in(source).atLine(l.lineNumber())
                    .hint("give the variable a file name in [filenames], or write the name itself")
                    .problem("[%s] '%s' names no file: its %%variable%% is empty in [filenames]", section, l.content().strip());
        }
        return substituted.strip();
    }

    /** Replaces {@code %name%} by its [filenames] value; an unknown name is an error, not left in. */
    private static String subst(String text, Map<String, String> vars, String source, InfLine l) throws BadInputException {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int a = text.indexOf('%', i);
            int b = a < 0 ? -1 : text.indexOf('%', a + 1);
            if (a < 0 || b < 0) {
                sb.append(text, i, text.length());
                break;
            }
            String name = text.substring(a + 1, b).toLowerCase(Locale.ROOT);
            String v = vars.get(name);
            if (v == null) {
                throw BadInputException.in(source).atLine(l.lineNumber()).hint("define it in [filenames]")
                        .problem("'%s' uses %%%s%%, which [filenames] does not define", l.content().strip(), name);
            }
            sb.append(text, i, a).append(v);
            i = b + 1;
        }
        return sb.toString();
    }

    /** Empty for a neutral pack; the language for a name or code; an unknown word is an error. */
    static Optional<Language> language(String text, String source, int line) throws BadInputException {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || Set.of("neutral", "all", "any", "multilingual", "multi", "international").contains(t)) {
            return Optional.empty();
        }
        Optional<Language> code = Language.parse(t).filter(Language::known);
        if (code.isPresent()) {
            return code;
        }
        String c = switch (t) {
            case "english" -> "ENU";
            case "chinese (simplified)", "simplified chinese", "chinese simplified", "chs", "简体中文" -> "CHS";
            case "chinese (traditional)", "traditional chinese", "chinese traditional", "繁體中文", "繁体中文" -> "CHT";
            case "german", "deutsch" -> "DEU";
            case "french", "français", "francais" -> "FRA";
            case "japanese", "日本語" -> "JPN";
            case "korean", "한국어" -> "KOR";
            case "spanish", "español", "espanol" -> "ESN";
            case "italian", "italiano" -> "ITA";
            case "russian", "русский" -> "RUS";
            case "portuguese (brazil)", "brazilian portuguese", "português (brasil)" -> "PTB";
            case "portuguese", "português" -> "PTG";
            case "dutch", "nederlands" -> "NLD";
            case "swedish", "svenska" -> "SVE";
            case "czech", "čeština" -> "CSY";
            case "hungarian", "magyar" -> "HUN";
            case "polish", "polski" -> "PLK";
            case "turkish", "türkçe" -> "TRK";
            default -> null;
        };
        if (c == null) {
            throw BadInputException.in(source).atLine(line)
                    .hint("write the language's three-letter code (ENU, CHS, DEU...), its English name, or neutral")
                    .problem("[general] language=%s names no language slipstream knows, so it cannot be checked against the media", text.strip());
        }
        return Optional.of(new Language(c));
    }
}
