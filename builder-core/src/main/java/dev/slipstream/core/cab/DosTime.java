package dev.slipstream.core.cab;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/** MS-DOS packed dates and times as cabinets store them: local time, 2-second resolution. */
public final class DosTime {

    private DosTime() {
    }

    /** The date and time, or {@code null} when the fields do not form a valid date (month 0, day 31 of June...). */
    public static LocalDateTime toLocalDateTime(int date, int time) {
        int year = 1980 + ((date >>> 9) & 0x7F);
        int month = (date >>> 5) & 0x0F;
        int day = date & 0x1F;
        int hour = (time >>> 11) & 0x1F;
        int minute = (time >>> 5) & 0x3F;
        int second = (time & 0x1F) * 2;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "2004-09-06 01:37:56", or the raw fields when they are not a valid date. */
    public static String format(int date, int time) {
        LocalDateTime t = toLocalDateTime(date, time);
        if (t == null) {
            return String.format("%04d-%02d-%02d %02d:%02d:%02d", 1980 + ((date >>> 9) & 0x7F), (date >>> 5) & 0x0F,
                    date & 0x1F, (time >>> 11) & 0x1F, (time >>> 5) & 0x3F, (time & 0x1F) * 2);
        }
        return String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }
}
