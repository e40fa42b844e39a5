package dev.slipstream.core.pkg;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Microsoft three-letter language code as it appears in package names (ENU, CHS, DEU ...).
 * Codes are compared case-insensitively and kept upper case.
 */
public record Language(String code) {

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("ENU", "English"), Map.entry("CHS", "Chinese (Simplified)"),
            Map.entry("CHT", "Chinese (Traditional)"), Map.entry("DEU", "German"),
            Map.entry("FRA", "French"), Map.entry("JPN", "Japanese"), Map.entry("KOR", "Korean"),
            Map.entry("ESN", "Spanish"), Map.entry("ITA", "Italian"), Map.entry("RUS", "Russian"),
            Map.entry("PTB", "Portuguese (Brazil)"), Map.entry("PTG", "Portuguese"),
            Map.entry("NLD", "Dutch"), Map.entry("SVE", "Swedish"), Map.entry("CSY", "Czech"),
            Map.entry("HUN", "Hungarian"), Map.entry("PLK", "Polish"), Map.entry("TRK", "Turkish"));

    public Language {
        if (code == null || !code.matches("[A-Za-z]{3}")) {
            throw new IllegalArgumentException("not a three-letter language code: " + code);
        }
        code = code.toUpperCase(Locale.ROOT);
    }

    public static Optional<Language> parse(String code) {
        return code != null && code.matches("[A-Za-z]{3}") ? Optional.of(new Language(code)) : Optional.empty();
    }

    /** The language's English name, or the code when we do not know it. */
    public String displayName() {
        return KNOWN.getOrDefault(code, code);
    }

    public boolean known() {
        return KNOWN.containsKey(code);
    }

    @Override
    public String toString() {
        return code;
    }
}
