package dev.slipstream.core.check;

/**
 * One problem found in an install tree.
 *
 * @param severity how bad it is
 * @param code a stable identifier for scripts: {@code missing-file}, {@code duplicate-entry}, ...
 * @param file the media path it is about, relative to the tree root ({@code I386/TXTSETUP.SIF}
 *     for an INF entry, {@code I386/FOO.DLL} for a file)
 * @param section the INF section as written, or null when the finding is not about an INF line
 * @param line the 1-based line in {@code file}, or 0 when there is none
 * @param message what is wrong and what to do, for a build engineer
 */
public record Finding(Severity severity, String code, String file, String section, int line, String message) {

    /** {@code I386/TXTSETUP.SIF:1234 [SourceDisksFiles]} or just the file. */
    public String location() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (section != null) {
            sb.append(" [").append(section).append(']');
        }
        return sb.toString();
    }
}
