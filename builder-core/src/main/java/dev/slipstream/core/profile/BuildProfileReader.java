package dev.slipstream.core.profile;

import dev.slipstream.core.engine.BuildOptions;
import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfLine;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.inf.InfSection;
import dev.slipstream.core.pkg.Branch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a build profile INI with our INF model. Strict by design, because a profile drives
 * unattended factories: an unknown section or key, a key given twice, a value that is not of its
 * type, all stop with the file and line, so a typo ({@code allow-regresions = yes}) can never be
 * silently ignored and build a different image than the one asked for.
 */
public final class BuildProfileReader {

    /** The keys of each section, in the order docs/profiles.md lists them. */
    static final Map<String, List<String>> KEYS = Map.of(
            "media", List.of("base"),
            "packages", List.of("sp2", "ie7", "ie7-switches", "catalog", "addon"),
            "hotfixes", List.of(),
            "options", List.of("branch", "hotfix-mode", "allow-regressions", "allow-unsigned", "force", "threads", "hardlinks"),
            "volume", List.of("id", "set", "publisher", "preparer", "application", "boot-image"),
            "output", List.of("iso", "tree", "depfile", "report", "scan-log-dir", "work-dir", "cache"));

    private static final int MAX_PROFILE_BYTES = 1 << 20;

    private BuildProfileReader() {
    }

    public static BuildProfile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such build profile");
        }
        if (Files.size(file) > MAX_PROFILE_BYTES) {
            throw BadInputException.in(file).hint("a profile is a few dozen lines; is this the right file?")
                    .problem("is %d bytes, too large for a build profile", Files.size(file));
        }
        InfDocument doc = InfParser.parse(file, InfReadOptions.defaults().strictly());
        Path dir = file.toAbsolutePath().normalize().getParent();
        BuildProfile p = new BuildProfile(file);
        Set<String> seenSections = new HashSet<>();
        for (InfSection s : doc.sections()) {
            String name = s.name();
            if (name == null) {
                // Text before the first section header: only comments and blank lines are allowed.
                for (InfLine l : s.entries()) {
                    throw error(file, l, "a setting outside any section: '" + l.content().trim() + "'",
                            "put it under one of " + sectionList());
                }
                continue;
            }
            String section = name.toLowerCase(Locale.ROOT);
            if (!KEYS.containsKey(section)) {
                throw error(file, s.header(), "unknown section [" + name + "]", "the sections are " + sectionList());
            }
            if (!seenSections.add(section)) {
                throw error(file, s.header(), "section [" + name + "] appears twice", "merge the two into one");
            }
            if (section.equals("hotfixes")) {
                p.hotfixesGiven = true;
                for (InfLine l : s.entries()) {
                    if (l.key() != null) {
                        throw error(file, l, "[hotfixes] lists one package file or folder per line, without '='",
                                "write the path alone, e.g. ..\\packages\\WindowsServer2003-KB925902-x86-ENU.exe");
                    }
                    p.hotfixes.add(path(file, dir, l, l.rawValue()));
                }
                continue;
            }
            Set<String> seenKeys = new HashSet<>();
            for (InfLine l : s.entries()) {
                String key = l.key() == null ? null : l.key().toLowerCase(Locale.ROOT);
                if (key == null) {
                    throw error(file, l, "a line without '=' in [" + name + "]: '" + l.content().trim() + "'",
                            "write key = value; the keys of [" + name + "] are " + String.join(", ", KEYS.get(section)));
                }
                if (!KEYS.get(section).contains(key)) {
                    throw error(file, l, "unknown key '" + l.key() + "' in [" + name + "]",
                            "the keys of [" + name + "] are " + String.join(", ", KEYS.get(section))
                                    + suggestion(key));
                }
                // addon = may repeat: one line per pack, applied in the order written.
                if (!seenKeys.add(key) && !(section.equals("packages") && key.equals("addon"))) {
                    throw error(file, l, "'" + l.key() + "' is set twice in [" + name + "]", "keep one of the two lines");
                }
                String value = value(l);
                if (value.isEmpty()) {
                    throw error(file, l, "'" + l.key() + "' has no value", "give a value or delete the line");
                }
                set(p, section, key, value, file, dir, l);
            }
        }
        return p;
    }

    private static void set(BuildProfile p, String section, String key, String v, Path file, Path dir, InfLine l)
            throws BadInputException {
        switch (section + "." + key) {
            case "media.base" -> p.base = path(file, dir, l, v);
            case "packages.sp2" -> p.servicePack = path(file, dir, l, v);
            case "packages.ie7" -> p.ie7 = path(file, dir, l, v);
            case "packages.addon" -> p.addons.add(path(file, dir, l, v));
            case "packages.ie7-switches" -> p.ie7Switches = v;
            case "packages.catalog" -> p.catalog = path(file, dir, l, v);
            case "options.branch" -> p.branch = switch (v.toLowerCase(Locale.ROOT)) {
                case "qfe" -> Branch.Policy.QFE;
                case "gdr" -> Branch.Policy.GDR;
                default -> throw error(file, l, "branch must be qfe or gdr, not '" + v + "'", "write branch = qfe (the default) or gdr");
            };
            case "options.hotfix-mode" -> p.hotfixMode = switch (v.toLowerCase(Locale.ROOT)) {
                case "integrate" -> BuildOptions.HotfixMode.INTEGRATE;
                case "svcpack" -> BuildOptions.HotfixMode.SVCPACK;
                default -> throw error(file, l, "hotfix-mode must be integrate or svcpack, not '" + v + "'",
                        "write hotfix-mode = integrate (the default) or svcpack");
            };
            case "options.allow-regressions" -> p.allowRegressions = bool(file, l, v);
            case "options.allow-unsigned" -> p.allowUnsigned = bool(file, l, v);
            case "options.force" -> p.force = bool(file, l, v);
            case "options.hardlinks" -> p.hardLinks = bool(file, l, v);
            case "options.threads" -> {
                int n;
                try {
                    n = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    n = 0;
                }
                if (n < 1 || n > 1024) {
                    throw error(file, l, "threads must be a whole number from 1 to 1024, not '" + v + "'", "e.g. threads = 2");
                }
                p.threads = n;
            }
            case "volume.id" -> p.volume.put("volume", v);
            case "volume.set" -> p.volume.put("volumeset", v);
            case "volume.publisher" -> p.volume.put("publisher", v);
            case "volume.preparer" -> p.volume.put("preparer", v);
            case "volume.application" -> p.volume.put("application", v);
            case "volume.boot-image" -> p.bootImage = path(file, dir, l, v);
            case "output.iso" -> p.outIso = path(file, dir, l, v);
            case "output.tree" -> p.outTree = path(file, dir, l, v);
            case "output.depfile" -> p.depfile = path(file, dir, l, v);
            case "output.report" -> p.report = path(file, dir, l, v);
            case "output.scan-log-dir" -> p.scanLogDir = path(file, dir, l, v);
            case "output.work-dir" -> p.workDir = path(file, dir, l, v);
            case "output.cache" -> p.cache = path(file, dir, l, v);
            default -> throw new IllegalStateException("a key listed in KEYS without a setter: " + section + "." + key);
        }
    }

    /** The value as written, without the quotes of a quoted value: paths and labels may hold commas. */
    private static String value(InfLine l) {
        String raw = l.rawValue().trim();
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"") && raw.indexOf('"', 1) == raw.length() - 1) {
            return raw.substring(1, raw.length() - 1);
        }
        return raw;
    }

    private static Boolean bool(Path file, InfLine l, String v) throws BadInputException {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "1", "on" -> Boolean.TRUE;
            case "no", "false", "0", "off" -> Boolean.FALSE;
            default -> throw error(file, l, "'" + l.key() + "' must be yes or no, not '" + v + "'", "write yes or no");
        };
    }

    /** Backslashes are accepted as separators, so profiles written on Windows work unchanged. */
    private static Path path(Path file, Path dir, InfLine l, String v) throws BadInputException {
        String s = v.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw error(file, l, "an empty path", "give a path, relative to the profile's folder");
        }
        if (java.io.File.separatorChar == '/') {
            s = s.replace('\\', '/');
        }
        try {
            return dir.resolve(s).normalize();
        } catch (InvalidPathException e) {
            throw error(file, l, "'" + s + "' is not a valid path: " + e.getReason(), "fix the path");
        }
    }

    private static String suggestion(String key) {
        String best = null;
        int bestDistance = 3;
        for (List<String> keys : KEYS.values()) {
            for (String k : keys) {
                int d = distance(key, k);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance; keys are short, so the quadratic table is a few hundred cells. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String sectionList() {
        return "[media], [packages], [hotfixes], [options], [volume], [output]";
    }

    private static BadInputException error(Path file, InfLine l, String problem, String hint) {
        return BadInputException.in(file).atLine(l.lineNumber()).hint(hint).problem(problem);
    }
}
