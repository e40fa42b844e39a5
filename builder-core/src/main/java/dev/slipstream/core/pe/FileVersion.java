package dev.slipstream.core.pe;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Windows file version such as 5.2.3790.3959: four 16-bit parts compared numerically, part by
 * part, as Windows setup and the hotfix installers compare them.
 */
public record FileVersion(int major, int minor, int build, int revision) implements Comparable<FileVersion> {

    private static final Pattern LEADING = Pattern.compile(
            "^\\s*(\\d{1,5})\\s*[.,]\\s*(\\d{1,5})(?:\\s*[.,]\\s*(\\d{1,5}))?(?:\\s*[.,]\\s*(\\d{1,5}))?");

    public FileVersion {
        check(major, "major");
        check(minor, "minor");
        check(build, "build");
        check(revision, "revision");
    }

    private static void check(int part, String name) {
        if (part < 0 || part > 0xFFFF) {
            throw new IllegalArgumentException("file version " + name + " part " + part + " is outside 0..65535");
        }
    }

    /** From the two DWORDs of VS_FIXEDFILEINFO (dwFileVersionMS, dwFileVersionLS). */
    public static FileVersion fromDwords(int ms, int ls) {
        return new FileVersion(ms >>> 16, ms & 0xFFFF, ls >>> 16, ls & 0xFFFF);
    }

    /** Strictly "a.b.c.d" (1 to 4 parts; missing parts are 0). */
    public static FileVersion parse(String s) {
        String[] parts = s.trim().split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            throw new IllegalArgumentException("not a file version (a.b.c.d): '" + s + "'");
        }
        int[] v = new int[4];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].matches("\\d{1,5}")) {
                throw new IllegalArgumentException("not a file version (a.b.c.d): '" + s + "'");
            }
            v[i] = Integer.parseInt(parts[i]);
        }
        return new FileVersion(v[0], v[1], v[2], v[3]);
    }

    /**
     * The version a StringFileInfo FileVersion value starts with, as Microsoft writes them:
     * "5.2.3790.3959 (srv03_sp2_rtm.070216-1710)" or "6, 0, 2900, 2180". Empty when the text does
     * not start with at least "a.b".
     */
    public static Optional<FileVersion> parseLeading(String s) {
        if (s == null) {
            return Optional.empty();
        }
        Matcher m = LEADING.matcher(s);
        if (!m.find()) {
            return Optional.empty();
        }
        int[] v = new int[4];
        for (int i = 0; i < 4; i++) {
            String g = m.group(i + 1);
            v[i] = g == null ? 0 : Integer.parseInt(g);
            if (v[i] > 0xFFFF) {
                return Optional.empty();
            }
        }
        return Optional.of(new FileVersion(v[0], v[1], v[2], v[3]));
    }

    /** dwFileVersionMS. */
    public int mostSignificant() {
        return (major << 16) | minor;
    }

    /** dwFileVersionLS. */
    public int leastSignificant() {
        return (build << 16) | revision;
    }

    public boolean isNewerThan(FileVersion other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(FileVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(build, o.build);
        }
        if (c == 0) {
            c = Integer.compare(revision, o.revision);
        }
        return c;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + build + "." + revision;
    }
}
