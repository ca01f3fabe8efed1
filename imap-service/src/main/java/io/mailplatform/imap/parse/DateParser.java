package io.mailplatform.imap.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** {@code date} and {@code date-time} of RFC 9051 §9. */
public final class DateParser {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

    private DateParser() {
    }

    /** {@code date}: date-text, optionally quoted, e.g. {@code 1-Feb-1994}. */
    public static LocalDate date(ImapCursor cursor) {
        boolean quoted = cursor.take('"');
        int day = (int) dayDigits(cursor, false);
        LocalDate date = dateText(cursor, day);
        if (quoted) {
            cursor.expect('"');
        }
        return date;
    }

    /** {@code date-time}: {@code "dd-Mon-yyyy hh:mm:ss +zzzz"}, the day possibly space-padded. */
    public static Instant dateTime(ImapCursor cursor) {
        cursor.expect('"');
        int day = (int) dayDigits(cursor, true);
        LocalDate date = dateText(cursor, day);
        cursor.expect(' ');
        int hour = twoDigits(cursor);
        cursor.expect(':');
        int minute = twoDigits(cursor);
        cursor.expect(':');
        int second = twoDigits(cursor);
        cursor.expect(' ');
        int sign = cursor.take('+') ? 1 : cursor.take('-') ? -1 : 0;
        if (sign == 0) {
            throw cursor.error("Expected a time zone such as +0100");
        }
        int zoneHours = twoDigits(cursor);
        int zoneMinutes = twoDigits(cursor);
        cursor.expect('"');
        try {
            ZoneOffset zone = ZoneOffset.ofHoursMinutes(sign * zoneHours, sign * zoneMinutes);
            return LocalDateTime.of(date, java.time.LocalTime.of(hour, minute, second)).toInstant(zone);
        } catch (DateTimeException e) {
            throw cursor.error("Invalid date-time");
        }
    }

    private static LocalDate dateText(ImapCursor cursor, int day) {
        cursor.expect('-');
        String month = cursor.takeWhile(Character::isLetter).toUpperCase(java.util.Locale.ROOT);
        int monthNumber = java.util.Arrays.asList(MONTHS).indexOf(month) + 1;
        if (monthNumber == 0) {
            throw cursor.error("Invalid month " + month);
        }
        cursor.expect('-');
        String year = cursor.takeWhile(c -> c >= '0' && c <= '9');
        if (year.length() != 4) {
            throw cursor.error("Expected a four-digit year");
        }
        try {
            return LocalDate.of(Integer.parseInt(year), monthNumber, day);
        } catch (DateTimeException e) {
            throw cursor.error("Invalid date");
        }
    }

    /** date-day (1*2DIGIT) or, in date-time, date-day-fixed (SP DIGIT / 2DIGIT). */
    private static long dayDigits(ImapCursor cursor, boolean fixed) {
        if (fixed && cursor.take(' ')) {
            String digit = cursor.takeWhile(c -> c >= '0' && c <= '9');
            if (digit.length() != 1) {
                throw cursor.error("Invalid day");
            }
            return Integer.parseInt(digit);
        }
        String digits = cursor.takeWhile(c -> c >= '0' && c <= '9');
        if (digits.isEmpty() || digits.length() > 2 || (fixed && digits.length() != 2)) {
            throw cursor.error("Invalid day");
        }
        return Integer.parseInt(digits);
    }

    private static int twoDigits(ImapCursor cursor) {
        return cursor.fixedDigits(2);
    }
}
