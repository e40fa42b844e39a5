package dev.slipstream.core.inf;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How an INF file's bytes are text: a charset and whether the file starts with a byte-order mark.
 * Setup reads 8-bit files in the system's ANSI code page (CP1252 on Western media, CP936 on
 * Simplified Chinese media), UTF-8 with or without a BOM, and UTF-16LE with a BOM.
 */
public record InfEncoding(Charset charset, boolean bom) {

    public static final Charset CP1252 = Charset.forName("windows-1252");
    public static final Charset CP936 = Charset.forName("GBK");

    public static final InfEncoding ANSI_1252 = new InfEncoding(CP1252, false);
    public static final InfEncoding ANSI_936 = new InfEncoding(CP936, false);
    public static final InfEncoding UTF8 = new InfEncoding(StandardCharsets.UTF_8, false);
    public static final InfEncoding UTF8_BOM = new InfEncoding(StandardCharsets.UTF_8, true);
    public static final InfEncoding UTF16LE_BOM = new InfEncoding(StandardCharsets.UTF_16LE, true);

    /** Every ASCII character, for {@link #asciiCompatible}. */
    private static final String ASCII_PROBE;
    private static final byte[] ASCII_PROBE_BYTES = new byte[128];

    static {
        char[] c = new char[128];
        for (int i = 0; i < 128; i++) {
            c[i] = (char) i;
            ASCII_PROBE_BYTES[i] = (byte) i;
        }
        ASCII_PROBE = new String(c);
    }

    static final byte[] UTF8_BOM_BYTES = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final byte[] UTF16LE_BOM_BYTES = {(byte) 0xFF, (byte) 0xFE};

    public InfEncoding {
        if (bom && !isUtf8(charset) && !isUtf16le(charset)) {
            throw new IllegalArgumentException("a byte-order mark exists only for UTF-8 and UTF-16LE, not " + charset);
        }
    }

    /**
     * Whether ASCII text is one byte per character, the same bytes, in this charset: true of the
     * ANSI code pages setup reads and of UTF-8, false of UTF-16.
     */
    public boolean asciiCompatible() {
        return !isUtf16le() && java.util.Arrays.equals(ASCII_PROBE.getBytes(charset), ASCII_PROBE_BYTES);
    }

    public boolean isUtf16le() {
        return isUtf16le(charset);
    }

    public boolean isUtf8() {
        return isUtf8(charset);
    }

    /** The byte-order mark written before the first line, empty when there is none. */
    public byte[] bomBytes() {
        if (!bom) {
            return new byte[0];
        }
        return isUtf16le() ? UTF16LE_BOM_BYTES.clone() : UTF8_BOM_BYTES.clone();
    }

    /** Bytes per code unit of the line terminator: 2 for UTF-16LE, else 1. */
    int unitSize() {
        return isUtf16le() ? 2 : 1;
    }

    /**
     * Parses a user's encoding name: {@code cp1252}, {@code cp936} (or {@code gbk}),
     * {@code utf-8}, {@code utf-8-bom}, {@code utf-16le}; any other Java charset name is taken as
     * an 8-bit ANSI code page.
     */
    public static InfEncoding fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (n) {
            case "cp1252", "windows-1252", "ansi", "latin1", "ascii":
                return ANSI_1252;
            case "cp936", "gbk", "windows-936":
                return ANSI_936;
            case "utf-8", "utf8":
                return UTF8;
            case "utf-8-bom", "utf8-bom", "utf-8bom":
                return UTF8_BOM;
            case "utf-16le", "utf16le", "utf-16", "unicode":
                return UTF16LE_BOM;
            default:
                Charset cs;
                try {
                    cs = Charset.forName(name.trim());
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("unknown encoding '" + name
                            + "'; use cp1252, cp936, utf-8, utf-8-bom or utf-16le");
                }
                byte[] probe = "[=;\n".getBytes(cs);
                if (!java.util.Arrays.equals(probe, new byte[] {'[', '=', ';', '\n'})) {
                    throw new IllegalArgumentException("encoding '" + name
                            + "' is not an ANSI code page; use cp1252, cp936, utf-8, utf-8-bom or utf-16le");
                }
                return new InfEncoding(cs, false);
        }
    }

    private static boolean isUtf8(Charset cs) {
        return cs.equals(StandardCharsets.UTF_8);
    }

    private static boolean isUtf16le(Charset cs) {
        return cs.equals(StandardCharsets.UTF_16LE);
    }

    /** A short name for reports: {@code CP1252}, {@code UTF-8+BOM}, {@code UTF-16LE+BOM}. */
    public String displayName() {
        String base = isUtf8() ? "UTF-8" : isUtf16le() ? "UTF-16LE" : charset.equals(CP936) ? "CP936"
                : charset.equals(CP1252) ? "CP1252" : charset.name();
        return bom ? base + "+BOM" : base;
    }

    @Override
    public String toString() {
        return displayName();
    }
}
