package dev.slipstream.core.pkg.addon;

import java.util.Locale;
import java.util.Optional;

/**
 * The member names an addon archive may use. Archive formats store paths as the packer wrote
 * them, so a hostile pack can name {@code ../../etc/x}, {@code /tmp/x} or {@code C:\x}; such a name
 * is refused before anything is extracted, as is a name with control characters.
 */
public final class MemberNames {

    /** Folders are not nested deeper in real packs ({@code svcpack\x}); deeper paths are refused. */
    static final int MAX_DEPTH = 4;

    private MemberNames() {
    }

    /**
     * The member path with {@code /} separators, or empty with the reason in {@code why[0]} when
     * it is unsafe.
     */
    public static Optional<String> normalize(String raw, String[] why) {
        if (raw == null || raw.isEmpty()) {
            why[0] = "has no name";
            return Optional.empty();
        }
        String p = raw.replace('\\', '/');
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                why[0] = "has a control character in its name";
                return Optional.empty();
            }
        }
        if (p.startsWith("/")) {
            why[0] = "is an absolute path";
            return Optional.empty();
        }
        if (p.length() >= 2 && p.charAt(1) == ':' || p.contains(":")) {
            why[0] = "names a drive or an alternate data stream (':')";
            return Optional.empty();
        }
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        String[] parts = p.split("/", -1);
        if (parts.length > MAX_DEPTH) {
            why[0] = "is nested more than " + MAX_DEPTH + " folders deep";
            return Optional.empty();
        }
        for (int i = 0; i < parts.length; i++) {
            String s = parts[i];
            if (s.equals("..")) {
                why[0] = "climbs out of the archive ('..')";
                return Optional.empty();
            }
            if (s.isEmpty() || s.equals(".")) {
                why[0] = "has an empty path segment";
                return Optional.empty();
            }
            if (s.endsWith(".") || s.endsWith(" ")) {
                why[0] = "has a segment Windows cannot name (trailing dot or space)";
                return Optional.empty();
            }
        }
        return Optional.of(p);
    }

    /**
     * True for an MS-DOS 8.3 name (NAME.EXT: 1-8 and 0-3 characters, no spaces or characters
     * FAT short names forbid): setup copies files from the CD by these names.
     */
    public static boolean isShortName(String name) {
        int dot = name.indexOf('.');
        String base = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        if (base.isEmpty() || base.length() > 8 || ext.length() > 3 || ext.indexOf('.') >= 0) {
            return false;
        }
        String s = (base + ext).toUpperCase(Locale.ROOT);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "$%'-_@~`!(){}^#&".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
