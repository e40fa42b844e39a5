package dev.slipstream.core.engine;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.inf.InfDocument;
import dev.slipstream.core.inf.InfParser;
import dev.slipstream.core.inf.InfReadOptions;
import dev.slipstream.core.media.Architecture;
import dev.slipstream.core.pkg.Language;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out what base media are from their files, not from their name: the architecture from
 * which setup folder holds TXTSETUP.SIF, the edition from the root tag file (format-notes §2.6),
 * the language from TXTSETUP's default layout, the service-pack level from {@code spcdname}, the
 * SP tag files and {@code SPn.CAT}; and whether another tool has been there before us.
 */
public final class BaseMediaProbe {

    private static final Pattern EDITION_TAG = Pattern.compile("WIN51[A-Z]{1,2}", Pattern.CASE_INSENSITIVE);
    private static final Pattern SP_TAG = Pattern.compile("WIN51[A-Z]{1,2}\\.SP(\\d)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SP_CAT = Pattern.compile("SP(\\d)\\.CAT", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPCDNAME = Pattern.compile("Service Pack (\\d)", Pattern.CASE_INSENSITIVE);

    /** Files whose version resource names the media's language, in the order they are tried. */
    private static final List<String> LANGUAGE_WITNESSES = List.of("NTDLL.DLL", "KERNEL32.DLL", "USER32.DLL",
            "SHELL32.DLL", "WINNT32.EXE", "SETUPAPI.DLL");

    private BaseMediaProbe() {
    }

    /** The setup folder whose TXTSETUP.SIF drives setup on these media. */
    public static Architecture architecture(StagedTree tree, String mediaName) throws BadInputException {
        for (Architecture a : List.of(Architecture.AMD64, Architecture.IA64, Architecture.X86)) {
            if (tree.exists(MediaPath.of(a.folder(), "TXTSETUP.SIF"))) {
                return a;
            }
        }
        throw BadInputException.in(mediaName)
                .hint("give the root of a Windows Server 2003 CD (the folder or ISO holding I386, AMD64 or IA64)")
                .problem("no I386\\TXTSETUP.SIF, AMD64\\TXTSETUP.SIF or IA64\\TXTSETUP.SIF: these are not Windows setup media");
    }

    public static MediaFacts probe(StagedTree tree, String mediaName, SetupFileCodec codec) throws IOException {
        Architecture arch = architecture(tree, mediaName);
        MediaPath sifPath = MediaPath.of(arch.folder(), "TXTSETUP.SIF");
        InfDocument sif = read(tree, sifPath);

        String edition = null;
        int spLevel = 0;
        List<String> marks = new ArrayList<>();
        for (StagedFile f : tree.filesIn("")) {
            String n = f.path().fileName();
            if (EDITION_TAG.matcher(n).matches() && (edition == null || n.length() > edition.length())) {
                edition = n.toUpperCase(Locale.ROOT);
            }
            Matcher sp = SP_TAG.matcher(n);
            if (sp.matches()) {
                spLevel = Math.max(spLevel, Integer.parseInt(sp.group(1)));
                if (sp.group(1).equals("2")) {
                    marks.add("the tag file " + n + " says SP2 is already integrated");
                }
            }
            String u = n.toUpperCase(Locale.ROOT);
            if (u.startsWith("HFSL")) {
                marks.add(n + " is left by HFSLIP");
            }
            if (u.equals("LAST SESSION.INI") || u.startsWith("NLITE")) {
                marks.add(n + " is left by nLite");
            }
        }
        for (StagedFile f : tree.filesIn(arch.folder())) {
            String n = f.path().fileName();
            String u = n.toUpperCase(Locale.ROOT);
            Matcher cat = SP_CAT.matcher(n);
            if (cat.matches()) {
                spLevel = Math.max(spLevel, Integer.parseInt(cat.group(1)));
                if (cat.group(1).equals("2")) {
                    marks.add(f.path().toWindows() + " says SP2 is already integrated");
                }
            }
            if (u.startsWith("HFSL")) {
                marks.add(f.path().toWindows() + " is left by HFSLIP");
            }
            if (u.startsWith("NLITE")) {
                marks.add(f.path().toWindows() + " is left by nLite");
            }
        }
        if (tree.files().stream().anyMatch(f -> f.path().key().contains("/NLDRV/") || f.path().key().startsWith("NLDRV/"))) {
            marks.add("an NLDRV folder is left by nLite");
        }
        Optional<String> spcd = sif.string("spcdname").or(() -> sif.string("spcd"));
        if (spcd.isPresent()) {
            Matcher m = SPCDNAME.matcher(spcd.get());
            if (m.find()) {
                int lvl = Integer.parseInt(m.group(1));
                spLevel = Math.max(spLevel, lvl);
                if (lvl >= 2) {
                    marks.add("TXTSETUP.SIF spcdname says \"" + spcd.get() + "\"");
                }
            }
        }
        if (edition == null) {
            throw BadInputException.in(mediaName).hint("copy the whole CD, including the WIN51* files in its root")
                    .problem("no edition tag file (WIN51IS, WIN51IA, ...) in the root");
        }
        Optional<Language> lang = sif.value("nls", "DefaultLayout").flatMap(BaseMediaProbe::layoutLanguage);
        if (lang.isEmpty()) {
            lang = binaryLanguage(tree, arch.folder(), codec);
        }
        return new MediaFacts(arch, edition, lang, spLevel, List.copyOf(marks));
    }

    /** Parses an INF of the staged tree (its current version). */
    public static InfDocument read(StagedTree tree, MediaPath path) throws IOException {
        return read(tree, path, InfReadOptions.defaults());
    }

    public static InfDocument read(StagedTree tree, MediaPath path, InfReadOptions options) throws IOException {
        StagedFile f = tree.get(path).orElseThrow(() -> new java.nio.file.NoSuchFileException(path.toWindows()));
        try (InputStream in = Channels.newInputStream(f.source().open())) {
            return InfParser.parse(in, f.source().describe(), options);
        }
    }

    /** TXTSETUP's [nls] DefaultLayout, e.g. 00000409 or E0010411: its low word is a language id. */
    private static Optional<Language> layoutLanguage(String layout) {
        try {
            return Language.fromLangId((int) Long.parseLong(layout.trim(), 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The language of the first core binary whose version resource declares a translation. */
    private static Optional<Language> binaryLanguage(StagedTree tree, String folder, SetupFileCodec codec) throws IOException {
        for (String name : LANGUAGE_WITNESSES) {
            Optional<StagedFile> plain = tree.get(MediaPath.of(folder, name));
            Optional<StagedFile> packed = tree.get(MediaPath.of(folder, SetupNames.compressed(name)));
            java.nio.file.Path file;
            if (plain.isPresent() && plain.get().source() instanceof dev.slipstream.core.iso.ContentSource.FileRegion r
                    && r.offset() == 0) {
                file = r.file();
            } else if (packed.isPresent()) {
                file = codec.expand(packed.get().source()).file();
            } else if (plain.isPresent()) {
                file = codec.copy(plain.get().source());
            } else {
                continue;
            }
            Optional<Language> l = FileVersions.translations(file, name).stream().map(t -> Language.fromLangId(t & 0xFFFF))
                    .flatMap(Optional::stream).findFirst();
            if (l.isPresent()) {
                return l;
            }
        }
        return Optional.empty();
    }
}
