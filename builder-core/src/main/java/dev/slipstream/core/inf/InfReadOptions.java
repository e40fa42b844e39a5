package dev.slipstream.core.inf;

import java.nio.charset.Charset;
import java.util.Objects;

/**
 * How to turn an INF file's bytes into text.
 *
 * <ul>
 *   <li>A byte-order mark always decides (UTF-8 or UTF-16LE).</li>
 *   <li>Otherwise, with a {@link #forced} encoding, that encoding is used without any guessing.</li>
 *   <li>Otherwise the file is ASCII, UTF-8 (when its first non-ASCII line is valid UTF-8) or the
 *       {@link #ansi} code page: CP1252 by default, CP936 for Simplified Chinese media.</li>
 * </ul>
 *
 * @param ansi the 8-bit code page for files that are not UTF
 * <p>A quote left open at the end of a line is closed there, as SetupAPI does (real files ship
 * with such lines, e.g. in ReactOS's localized strings), and reported as an
 * {@link InfDiagnostic}; with {@link #strict} it is an error instead.
 *
 * @param forced the encoding to use for files without a BOM, or {@code null} to detect
 * @param strict reject open quotes instead of closing them at the line end
 */
public record InfReadOptions(Charset ansi, InfEncoding forced, boolean strict) {

    public InfReadOptions {
        Objects.requireNonNull(ansi, "ansi");
    }

    public static InfReadOptions defaults() {
        return new InfReadOptions(InfEncoding.CP1252, null, false);
    }

    /** Detects, but reads 8-bit text in {@code ansiCodePage} (e.g. CP936 for CHS media). */
    public static InfReadOptions withAnsi(Charset ansiCodePage) {
        return new InfReadOptions(ansiCodePage, null, false);
    }

    /** No guessing: files without a BOM are read in {@code encoding}. */
    public static InfReadOptions forcing(InfEncoding encoding) {
        return new InfReadOptions(encoding.isUtf8() || encoding.isUtf16le() ? InfEncoding.CP1252 : encoding.charset(),
                encoding, false);
    }

    /** The same options, rejecting lines with an open quote. */
    public InfReadOptions strictly() {
        return new InfReadOptions(ansi, forced, true);
    }
}
