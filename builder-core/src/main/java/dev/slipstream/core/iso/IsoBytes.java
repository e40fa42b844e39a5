package dev.slipstream.core.iso;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Encoding helpers: both-endian integers, padded strings and the two ISO date formats. */
final class IsoBytes {

    private IsoBytes() {
    }

    static void le16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    static void be16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    static void le32(byte[] b, int off, long v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static void be32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static void both16(byte[] b, int off, int v) {
        le16(b, off, v);
        be16(b, off + 2, v);
    }

    static void both32(byte[] b, int off, long v) {
        le32(b, off, v);
        be32(b, off + 4, v);
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int le16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static long le32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    static long be32(byte[] b, int off) {
        return (b[off + 3] & 0xFFL) | (b[off + 2] & 0xFFL) << 8 | (b[off + 1] & 0xFFL) << 16 | (b[off] & 0xFFL) << 24;
    }

    /** An a-/d-character field: ASCII, padded with spaces. */
    static void ascii(byte[] b, int off, int len, String s) {
        byte[] v = (s == null ? "" : s).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < len; i++) {
            b[off + i] = i < v.length ? v[i] : (byte) ' ';
        }
    }

    /** A Joliet field: UCS-2 big-endian, padded with UCS-2 spaces (an odd trailing byte stays 0). */
    static void ucs2(byte[] b, int off, int len, String s) {
        String v = s == null ? "" : s;
        for (int i = 0; i + 1 < len; i += 2) {
            char c = i / 2 < v.length() ? v.charAt(i / 2) : ' ';
            b[off + i] = (byte) (c >>> 8);
            b[off + i + 1] = (byte) c;
        }
    }

    static String asciiField(byte[] b, int off, int len) {
        int end = off + len;
        while (end > off && (b[end - 1] == ' ' || b[end - 1] == 0)) {
            end--;
        }
        StringBuilder sb = new StringBuilder(end - off);
        for (int i = off; i < end; i++) {
            int c = b[i] & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return sb.toString();
    }

    static String ucs2Field(byte[] b, int off, int len) {
        String s = new String(b, off, len & ~1, StandardCharsets.UTF_16BE);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
            end--;
        }
        return s.substring(0, end);
    }

    private static final DateTimeFormatter DEC_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** The 17-byte volume descriptor date: 16 digits and a GMT offset; {@code null} writes "not specified". */
    static void decDate(byte[] b, int off, Instant t) {
        if (t == null) {
            for (int i = 0; i < 16; i++) {
                b[off + i] = '0';
            }
            b[off + 16] = 0;
            return;
        }
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        if (d.getYear() < 1 || d.getYear() > 9999) {
            throw new IllegalArgumentException("date out of the range ISO-9660 can record: " + t);
        }
        String s = DEC_DATE.format(d) + String.format("%02d", d.getNano() / 10_000_000);
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, b, off, 16);
        b[off + 16] = 0;
    }

    /** Reads a 17-byte date; empty when "not specified" or unparsable. */
    static Instant decDate(byte[] b, int off) {
        String s = new String(b, off, 16, StandardCharsets.ISO_8859_1);
        if (!s.chars().allMatch(Character::isDigit) || s.startsWith("0000")) {
            return null;
        }
        try {
            LocalDateTime d = LocalDateTime.parse(s.substring(0, 14), DEC_DATE)
                    .plusNanos(Integer.parseInt(s.substring(14)) * 10_000_000L);
            return d.toInstant(ZoneOffset.ofTotalSeconds(b[off + 16] * 15 * 60));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The 7-byte directory record date, written in UTC. */
    static void recordDate(byte[] b, int off, Instant t) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        int year = Math.max(0, Math.min(255, d.getYear() - 1900));
        b[off] = (byte) year;
        b[off + 1] = (byte) d.getMonthValue();
        b[off + 2] = (byte) d.getDayOfMonth();
        b[off + 3] = (byte) d.getHour();
        b[off + 4] = (byte) d.getMinute();
        b[off + 5] = (byte) d.getSecond();
        b[off + 6] = 0;
    }

    static Instant recordDate(byte[] b, int off) {
        try {
            LocalDateTime d = LocalDateTime.of(1900 + u8(b, off), u8(b, off + 1), u8(b, off + 2),
                    u8(b, off + 3), u8(b, off + 4), u8(b, off + 5));
            return d.toInstant(ZoneOffset.ofTotalSeconds(b[off + 6] * 15 * 60));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
