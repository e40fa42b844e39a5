package dev.slipstream.core.cab;

import dev.slipstream.core.codec.lzx.LzxConstants;
import java.util.Locale;

/**
 * The compression of a folder we write: {@code none}, {@code mszip} or {@code lzx:N} (window
 * 2^N, 15..21), spelled as on our command line. {@link #typeCompress()} is the CFFOLDER value.
 */
public record CabCompression(int typeCompress) {

    public static final CabCompression NONE = new CabCompression(CabConstants.COMPRESS_NONE);
    public static final CabCompression MSZIP = new CabCompression(CabConstants.COMPRESS_MSZIP);
    /** What Microsoft's own media use for single-file cabinets: {@code makecab /D CompressionMemory=21}. */
    public static final CabCompression LZX_21 = lzx(21);

    public CabCompression {
        int type = typeCompress & CabConstants.COMPRESS_MASK_TYPE;
        if (type == CabConstants.COMPRESS_LZX) {
            LzxConstants.checkWindowBits(CabConstants.windowBits(typeCompress));
        } else if (typeCompress != CabConstants.COMPRESS_NONE && typeCompress != CabConstants.COMPRESS_MSZIP) {
            throw new IllegalArgumentException("we cannot write " + CabConstants.describe(typeCompress) + " folders");
        }
    }

    public static CabCompression lzx(int windowBits) {
        LzxConstants.checkWindowBits(windowBits);
        return new CabCompression(CabConstants.lzx(windowBits));
    }

    /** Parses {@code none}, {@code mszip}, {@code lzx} (= lzx:21) or {@code lzx:15}..{@code lzx:21}, case-insensitively. */
    public static CabCompression parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "none":
                return NONE;
            case "mszip":
                return MSZIP;
            case "lzx":
                return LZX_21;
            default:
                break;
        }
        if (t.startsWith("lzx:")) {
            String bits = t.substring(4);
            if (bits.matches("\\d{1,2}")) {
                int n = Integer.parseInt(bits);
                if (n >= LzxConstants.MIN_WINDOW_BITS && n <= LzxConstants.MAX_WINDOW_BITS) {
                    return lzx(n);
                }
            }
            throw new IllegalArgumentException("LZX window must be lzx:15 to lzx:21, not '" + text + "'");
        }
        throw new IllegalArgumentException("unknown compression '" + text + "'; use none, mszip or lzx:15..lzx:21");
    }

    public boolean isLzx() {
        return (typeCompress & CabConstants.COMPRESS_MASK_TYPE) == CabConstants.COMPRESS_LZX;
    }

    public boolean isMszip() {
        return typeCompress == CabConstants.COMPRESS_MSZIP;
    }

    public int lzxWindowBits() {
        return CabConstants.windowBits(typeCompress);
    }

    /** "none", "mszip", "lzx:21": the spelling {@link #parse} accepts. */
    @Override
    public String toString() {
        return isLzx() ? "lzx:" + lzxWindowBits() : isMszip() ? "mszip" : "none";
    }
}
