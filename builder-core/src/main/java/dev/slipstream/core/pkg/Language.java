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

    /**
     * The ANSI code page setup files of this language are written in (TXTSETUP.SIF is 8-bit text):
     * GBK for Simplified Chinese, Big5 for Traditional, Shift-JIS for Japanese and so on.
     */
    public java.nio.charset.Charset ansiCharset() {
        String cs = switch (code) {
            case "CHS" -> "x-mswin-936";
            case "CHT" -> "x-windows-950";
            case "JPN" -> "windows-31j";
            case "KOR" -> "x-windows-949";
            case "RUS" -> "windows-1251";
            case "CSY", "HUN", "PLK" -> "windows-1250";
            case "TRK" -> "windows-1254";
            default -> "windows-1252";
        };
        return java.nio.charset.Charset.forName(cs);
    }

    /** The language of a Windows language id (the low word of an LCID), e.g. 0x0409 to ENU. */
    public static Optional<Language> fromLangId(int langId) {
        String c = switch (langId & 0xFFFF) {
            case 0x0409 -> "ENU";
            case 0x0804 -> "CHS";
            case 0x0404 -> "CHT";
            case 0x0407 -> "DEU";
            case 0x040C -> "FRA";
            case 0x0411 -> "JPN";
            case 0x0412 -> "KOR";
            case 0x040A, 0x0C0A -> "ESN";
            case 0x0410 -> "ITA";
            case 0x0419 -> "RUS";
            case 0x0416 -> "PTB";
            case 0x0816 -> "PTG";
            case 0x0413 -> "NLD";
            case 0x041D -> "SVE";
            case 0x0405 -> "CSY";
            case 0x040E -> "HUN";
            case 0x0415 -> "PLK";
            case 0x041F -> "TRK";
            default -> null;
        };
        return c == null ? Optional.empty() : Optional.of(new Language(c));
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
