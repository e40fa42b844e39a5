package dev.slipstream.core.media;

import dev.slipstream.core.inf.layout.SourceDisksLayout;
import dev.slipstream.core.inf.layout.TxtsetupSif;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out what media a tree holds: architecture (which folder has TXTSETUP.SIF), edition (tag
 * files), language (TXTSETUP.SIF {@code [nls]}) and service-pack level ({@code spcdname},
 * {@code SPn.CAT}, {@code .SPn} tag files).
 */
public final class MediaProbe {

    private static final Pattern SP_NAME = Pattern.compile("Service\\s+Pack\\s+(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SP_CAT = Pattern.compile("SP(\\d+)\\.CAT", Pattern.CASE_INSENSITIVE);
    private static final Pattern NLS = Pattern.compile("c_(\\d+)\\.nls", Pattern.CASE_INSENSITIVE);

    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("0409", "ENU"), Map.entry("0804", "CHS"), Map.entry("0404", "CHT"), Map.entry("0411", "JPN"),
            Map.entry("0412", "KOR"), Map.entry("0407", "DEU"), Map.entry("040C", "FRA"), Map.entry("0C0A", "ESN"),
            Map.entry("040A", "ESN"), Map.entry("0410", "ITA"), Map.entry("0419", "RUS"), Map.entry("0416", "PTB"),
            Map.entry("0816", "PTG"), Map.entry("0413", "NLD"), Map.entry("041D", "SVE"), Map.entry("0406", "DAN"),
            Map.entry("0414", "NOR"), Map.entry("040B", "FIN"), Map.entry("0405", "CSY"), Map.entry("0415", "PLK"),
            Map.entry("040E", "HUN"), Map.entry("041F", "TRK"), Map.entry("0408", "ELL"), Map.entry("040D", "HEB"),
            Map.entry("0401", "ARA"));

    private MediaProbe() {
    }

    /**
     * The folder of the main architecture: AMD64 or IA64 when they hold TXTSETUP.SIF (x64 media
     * also carry I386 for the 32-bit files), else I386.
     */
    public static Optional<String> mainArchFolder(MediaTree tree) {
        for (Architecture a : new Architecture[] {Architecture.AMD64, Architecture.IA64, Architecture.X86}) {
            Optional<String> folder = tree.find(a.folder()).filter(tree::isFolder);
            if (folder.isPresent() && tree.findFile(folder.get(), "TXTSETUP.SIF").isPresent()) {
                return folder;
            }
        }
        return Optional.empty();
    }

    /** The architecture folders present in the root, as spelled on disk. */
    public static List<String> archFolders(MediaTree tree) {
        List<String> out = new ArrayList<>();
        for (String f : tree.topFolders()) {
            if (Architecture.ofFolder(f).isPresent()) {
                out.add(f);
            }
        }
        return out;
    }

    /** {@code c_936.nls} to 936; 0 when the value is not a code-page file name. */
    public static int codePageOf(String nlsFile) {
        Matcher m = NLS.matcher(nlsFile == null ? "" : nlsFile.trim());
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The Java charset of a Windows ANSI code page (936 is GBK), if this JVM has it. */
    public static Optional<Charset> ansiCharset(int codePage) {
        String name = switch (codePage) {
            case 936 -> "GBK";
            case 950 -> "x-windows-950";
            case 932 -> "windows-31j";
            case 949 -> "x-windows-949";
            default -> "windows-" + codePage;
        };
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The service-pack number in a name like "Windows Server 2003 Service Pack 2 CD", or 0. */
    public static int servicePackIn(String text) {
        Matcher m = SP_NAME.matcher(text == null ? "" : text);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Probes a tree whose main setup files are already read ({@code txtsetup}, {@code layout} may be null). */
    public static MediaInfo probe(MediaTree tree, String mainFolder, TxtsetupSif txtsetup, SourceDisksLayout layout) {
        Architecture arch = mainFolder == null ? null : Architecture.ofFolder(mainFolder).orElse(null);
        TagFiles tags = TagFiles.in(tree);
        String edition = tags.edition().map(TagFiles.EditionTag::edition).orElse(null);
        String editionTag = tags.edition().map(TagFiles.EditionTag::file).orElse(null);

        String lcid = null;
        int codePage = 0;
        if (txtsetup != null) {
            lcid = txtsetup.nls("DefaultLayout").map(MediaProbe::lcidOf).orElse(null);
            codePage = txtsetup.nls("AnsiCodepage").map(MediaProbe::codePageOf).orElse(0);
        }
        String language = lcid == null ? null : LANGUAGES.getOrDefault(lcid, lcid);

        Map<String, Integer> evidence = new LinkedHashMap<>();
        if (txtsetup != null) {
            txtsetup.spcdname().map(MediaProbe::servicePackIn).filter(n -> n > 0)
                    .ifPresent(n -> evidence.put(mainFolder + "/TXTSETUP.SIF spcdname", n));
        }
        if (layout != null) {
            layout.spcdname().map(MediaProbe::servicePackIn).filter(n -> n > 0)
                    .ifPresent(n -> evidence.put(mainFolder + "/LAYOUT.INF spcdname", n));
        }
        if (mainFolder != null) {
            for (String f : tree.filesIn(mainFolder)) {
                Matcher m = SP_CAT.matcher(f.substring(f.lastIndexOf('/') + 1));
                if (m.matches()) {
                    evidence.put(f, Integer.parseInt(m.group(1)));
                }
            }
        }
        for (TagFiles.ServicePackTag t : tags.servicePackTags()) {
            evidence.put(t.file(), t.level());
        }
        int sp = evidence.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new MediaInfo(arch, archFolders(tree), edition, editionTag, language, lcid, codePage, sp, evidence);
    }

    /** {@code 00000409} to {@code 0409}. */
    private static String lcidOf(String layout) {
        String s = layout.trim().toUpperCase(Locale.ROOT);
        return s.length() > 4 ? s.substring(s.length() - 4) : s;
    }
}
