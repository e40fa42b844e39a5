package dev.slipstream.core.pkg;

import dev.slipstream.core.pe.MachineType;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a package file's name says it is: kind, KB number, architecture and language, from
 * Microsoft's naming scheme:
 * <ul>
 *   <li>{@code WindowsServer2003-KB914961-SP2-X86-ENU.exe} (also {@code WindowsServer2003.WindowsXP-...})</li>
 *   <li>{@code WindowsServer2003-KB925902-x86-ENU.exe}, optionally with {@code -v2} after the KB</li>
 *   <li>{@code IE7-WindowsServer2003-x86-enu.exe}</li>
 *   <li>addon packs: any {@code .7z} or {@code .cab}; their architecture comes from their content</li>
 * </ul>
 * The name is only a claim: the engine checks it against the PE machine type and the media.
 *
 * @param kb the KB number without the "KB" prefix, or empty for IE7 and addons
 * @param architecture empty for addon packs, whose names carry none
 * @param language empty for addon packs
 */
public record PackageIdentity(String fileName, PackageKind kind, Optional<String> kb,
        Optional<MachineType> architecture, Optional<Language> language) {

    public static final String SP2_KB = "914961";

    private static final String PRODUCT = "WindowsServer2003(?:\\.WindowsXP)?";
    private static final String ARCH = "(x86|x64|ia64|amd64)";
    private static final String LANG = "([a-z]{3})";
    private static final Pattern SERVICE_PACK = Pattern.compile(
            PRODUCT + "-KB(914961)-SP2-" + ARCH + "-" + LANG + "\\.exe", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOTFIX = Pattern.compile(
            PRODUCT + "-KB(\\d{5,7})(?:-v\\d+)?-" + ARCH + "-" + LANG + "\\.exe", Pattern.CASE_INSENSITIVE);
    private static final Pattern IE7 = Pattern.compile(
            "IE7-" + PRODUCT + "-" + ARCH + "-" + LANG + "\\.exe", Pattern.CASE_INSENSITIVE);

    /** Identifies a package by its file name, or returns empty when the name follows no known scheme. */
    public static Optional<PackageIdentity> fromFileName(String fileName) {
        Matcher m = SERVICE_PACK.matcher(fileName);
        if (m.matches()) {
            return Optional.of(of(fileName, PackageKind.SERVICE_PACK, m.group(1), m.group(2), m.group(3)));
        }
        m = IE7.matcher(fileName);
        if (m.matches()) {
            return Optional.of(of(fileName, PackageKind.IE7, null, m.group(1), m.group(2)));
        }
        m = HOTFIX.matcher(fileName);
        if (m.matches()) {
            if (SP2_KB.equals(m.group(1))) {
                return Optional.empty(); // KB914961 without "-SP2-" is not a name Microsoft used
            }
            return Optional.of(of(fileName, PackageKind.HOTFIX, m.group(1), m.group(2), m.group(3)));
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".7z") || lower.endsWith(".cab")) {
            return Optional.of(new PackageIdentity(fileName, PackageKind.ADDON, Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        return Optional.empty();
    }

    private static PackageIdentity of(String fileName, PackageKind kind, String kb, String arch, String lang) {
        return new PackageIdentity(fileName, kind, Optional.ofNullable(kb),
                MachineType.fromName(arch), Language.parse(lang));
    }

    /** "KB914961", "IE7" or the addon's file name: how logs and reports name the package. */
    public String label() {
        return kb.map(k -> "KB" + k).orElse(kind == PackageKind.IE7 ? "IE7" : fileName);
    }
}
