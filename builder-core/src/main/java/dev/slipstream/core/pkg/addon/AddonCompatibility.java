package dev.slipstream.core.pkg.addon;

import dev.slipstream.core.error.BadInputException;
import dev.slipstream.core.pe.MachineType;
import dev.slipstream.core.pe.PeReader;
import dev.slipstream.core.pkg.Language;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an addon pack against the media before any work: its architecture (what its name says,
 * what {@code [general] architecture=} says, and the machine type of every program it carries) and
 * its language (name and {@code [general] language=}). RyanVM's integrator checked neither; a
 * wrong pack then fails during text-mode setup, which is why a mismatch here is bad input.
 */
public final class AddonCompatibility {

    private AddonCompatibility() {
    }

    /**
     * @param media the machine type of the media's native binaries
     * @param mediaLanguage the media's language, when known
     */
    public static void check(AddonPack pack, MachineType media, Optional<Language> mediaLanguage) throws IOException {
        Path file = pack.file();
        Optional<MachineType> named = nameArchitecture(file.getFileName().toString());
        if (named.isPresent() && named.get() != media) {
            throw BadInputException.in(file).hint("use the " + media.displayName() + " build of this addon")
                    .problem("the name says %s, the media are %s", named.get().displayName(), media.displayName());
        }
        Optional<MachineType> declared = pack.manifest().architecture();
        if (declared.isPresent() && declared.get() != media) {
            throw BadInputException.in(file + ": " + pack.manifest().entriesName())
                    .hint("use the " + media.displayName() + " build of this addon")
                    .problem("[general] architecture=%s, the media are %s", declared.get().displayName(), media.displayName());
        }
        for (AddonPack.SetupFile f : pack.setupFiles().values()) {
            Optional<MachineType> m = machine(f.plain(), file + ": " + f.member());
            if (m.isPresent() && m.get() != media) {
                throw BadInputException.in(file + ": " + f.member())
                        .hint("use the " + media.displayName() + " build of this addon")
                        .problem("is a %s program, the media are %s", m.get().displayName(), media.displayName());
            }
        }
        for (Map.Entry<String, Path> e : pack.svcpackFiles().entrySet()) {
            Optional<MachineType> m = machine(e.getValue(), file + ": svcpack/" + e.getKey());
            // A 32-bit installer run at T-13 works on x64 and Itanium media too (WOW64), as IE7's stub does.
            if (m.isPresent() && m.get() != media && m.get() != MachineType.X86) {
                throw BadInputException.in(file + ": svcpack/" + e.getKey())
                        .hint("use the " + media.displayName() + " build of this addon")
                        .problem("is a %s program, which %s media cannot run", m.get().displayName(), media.displayName());
            }
        }
        if (mediaLanguage.isPresent()) {
            Language want = mediaLanguage.get();
            Optional<Language> nameLang = nameLanguage(file.getFileName().toString());
            if (nameLang.isPresent() && !nameLang.get().equals(want)) {
                throw BadInputException.in(file).hint("use the " + want + " (" + want.displayName() + ") build of this addon")
                        .problem("the name says %s (%s), the media are %s (%s)", nameLang.get(), nameLang.get().displayName(),
                                want, want.displayName());
            }
            Optional<Language> declaredLang = pack.manifest().language();
            if (declaredLang.isPresent() && !declaredLang.get().equals(want)) {
                throw BadInputException.in(file + ": " + pack.manifest().entriesName())
                        .hint("use the " + want + " (" + want.displayName() + ") build of this addon, or one marked language=neutral")
                        .problem("[general] language=%s is %s, the media are %s (%s)", pack.manifest().general().get("language"),
                                declaredLang.get(), want, want.displayName());
            }
        }
    }

    /** An architecture token of the file name (x86, i386, x64, amd64, ia64), if any. */
    static Optional<MachineType> nameArchitecture(String fileName) {
        for (String t : tokens(fileName)) {
            Optional<MachineType> m = switch (t) {
                case "x86", "i386" -> Optional.of(MachineType.X86);
                case "x64", "amd64" -> Optional.of(MachineType.X64);
                case "ia64" -> Optional.of(MachineType.IA64);
                default -> Optional.empty();
            };
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    /** A Microsoft language code of the file name (ENU, CHS...), if any. */
    static Optional<Language> nameLanguage(String fileName) {
        for (String t : tokens(fileName)) {
            Optional<Language> l = Language.parse(t).filter(Language::known);
            if (l.isPresent()) {
                return l;
            }
        }
        return Optional.empty();
    }

    private static String[] tokens(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n).split("[-_. ]+");
    }

    private static Optional<MachineType> machine(Path file, String describe) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (!PeReader.looksLikePe(ch)) {
                return Optional.empty();
            }
            try (PeReader r = PeReader.of(ch, describe)) {
                return r.pe().machine();
            }
        }
    }
}
