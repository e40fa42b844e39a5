package dev.slipstream.core.cab;

import java.nio.charset.StandardCharsets;

/**
 * Decodes CFFILE names. Names flagged {@link CabConstants#ATTR_NAME_IS_UTF} are UTF-8; the rest
 * are in an unknown 8-bit code page, which we decode as ISO-8859-1 so that every byte maps to one
 * character and back (docs/cab-format.md explains the choice).
 *
 * <p>UTF-8 is decoded the way cabextract decodes it, so that names compare equal with its output:
 * overlong forms are accepted, anything else malformed, surrogates, U+FFFE/U+FFFF and NUL become
 * U+FFFD, one per bad lead byte. Accepting overlong forms is safe only because every consumer
 * checks the decoded name (an overlong "/" decodes to "/"), never the bytes.
 */
public final class CabNames {

    private CabNames() {
    }

    public static String decode(byte[] raw, boolean utf8) {
        return utf8 ? decodeUtf8(raw) : new String(raw, StandardCharsets.ISO_8859_1);
    }

    static String decodeUtf8(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i++] & 0xFF;
            int x;
            if (c < 0x80) {
                x = c;
            } else if (c >= 0xC2 && c < 0xE0 && i < n && isCont(b[i])) {
                x = (c & 0x1F) << 6 | (b[i++] & 0x3F);
            } else if (c >= 0xE0 && c < 0xF0 && i + 1 < n && isCont(b[i]) && isCont(b[i + 1])) {
                x = (c & 0x0F) << 12 | (b[i] & 0x3F) << 6 | (b[i + 1] & 0x3F);
                i += 2;
            } else if (c >= 0xF0 && c < 0xF5 && i + 2 < n && isCont(b[i]) && isCont(b[i + 1]) && isCont(b[i + 2])) {
                x = (c & 0x07) << 18 | (b[i] & 0x3F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F);
                i += 3;
            } else {
                x = 0xFFFD;
            }
            if (x <= 0 || x > 0x10FFFF || (x >= 0xD800 && x <= 0xDFFF) || x == 0xFFFE || x == 0xFFFF) {
                x = 0xFFFD;
            }
            sb.appendCodePoint(x);
        }
        return sb.toString();
    }

    private static boolean isCont(byte v) {
        return (v & 0xC0) == 0x80;
    }
}
