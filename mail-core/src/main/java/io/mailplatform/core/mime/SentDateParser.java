package io.mailplatform.core.mime;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A lenient parser for the Date field (RFC 5322 §3.3 with the obsolete forms of §4.3): optional day
 * name, day, month name, 2-, 3- or 4-digit year, time with optional seconds, numeric or named
 * zone; also asctime order ({@code Tue Mar  5 10:00:00 2024}) and dashes between the parts of
 * the date ({@code 5-Mar-2024}, {@code Tuesday, 05-Mar-24}, as RFC 850 wrote it). Tokens are classified by shape
 * rather than position, which tolerates most broken mailers. Returns null rather than guessing
 * when a field is missing or out of range; never throws.
 *
 * <p>The result keeps the date and time as written with the zone written beside them (a missing,
 * military or unknown zone as +0000): SEARCH SENTON and its kin compare the date as written,
 * disregarding time and zone (RFC 9051 §6.4.4), while the instant orders messages.
 */
final class SentDateParser {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
        "dec"};

    private SentDateParser() {
    }

    static OffsetDateTime parse(String value) {
        if (value == null || value.length() > 200) {
            return null;
        }
        int day = -1;
        int month = -1;
        int year = -1;
        int hour = -1;
        int minute = -1;
        int second = 0;
        int offsetMinutes = 0;
        boolean zoneSeen = false;
        int pos = 0;
        int length = value.length();
        while (pos < length) {
            char c = value.charAt(pos);
            if (c == '(') {
                pos = MimeFieldParser.commentEnd(value, pos);
                continue;
            }
            if ((c == '+' || c == '-') && pos + 1 < length && isDigit(value.charAt(pos + 1))
                    && hour >= 0 && (pos == 0 || !Character.isLetter(value.charAt(pos - 1)))) {
                // RFC 5322 §3.3: the zone follows the time. Before it (5-Mar-2024) or right after
                // a word (Mar-2024) a dash only separates the date's parts.
                int start = pos + 1;
                int end = digitsEnd(value, start);
                if (!zoneSeen && end - start == 4) {
                    int hhmm = Integer.parseInt(value, start, end, 10);
                    offsetMinutes = (hhmm / 100) * 60 + hhmm % 100;
                    if (c == '-') {
                        offsetMinutes = -offsetMinutes;
                    }
                    zoneSeen = true;
                }
                pos = end;
                continue;
            }
            if (isDigit(c)) {
                int end = digitsEnd(value, pos);
                if (end < length && value.charAt(end) == ':' && hour < 0) {
                    // hh:mm[:ss]
                    hour = number(value, pos, end);
                    int mStart = end + 1;
                    int mEnd = digitsEnd(value, mStart);
                    minute = mEnd > mStart ? number(value, mStart, mEnd) : -1;
                    end = mEnd;
                    if (end < length && value.charAt(end) == ':') {
                        int sEnd = digitsEnd(value, end + 1);
                        second = sEnd > end + 1 ? number(value, end + 1, sEnd) : 0;
                        end = sEnd;
                    }
                } else if (end - pos >= 3 && year < 0) {
                    year = number(value, pos, end);
                    if (end - pos == 3) {
                        year += 1900; // RFC 5322 §4.3: three-digit years add 1900
                    }
                } else if (day < 0 && end - pos <= 2) {
                    day = number(value, pos, end);
                } else if (year < 0 && end - pos == 2) {
                    int twoDigits = number(value, pos, end);
                    year = twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits;
                }
                pos = end;
                continue;
            }
            if (Character.isLetter(c)) {
                int end = pos;
                while (end < length && Character.isLetter(value.charAt(end))) {
                    end++;
                }
                String word = value.substring(pos, end);
                int m = month(word);
                if (m > 0 && month < 0) {
                    month = m;
                } else if (!zoneSeen && hour >= 0) {
                    Integer zone = namedZone(word);
                    if (zone != null) {
                        offsetMinutes = zone;
                        zoneSeen = true;
                    }
                }
                pos = end;
                continue;
            }
            pos++;
        }
        if (day < 1 || month < 1 || year < 0 || hour < 0 || minute < 0) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59));
            return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
        } catch (DateTimeException e) {
            return null; // day 31 of February, hour 25, offset beyond ±18 hours
        }
    }

    private static int month(String word) {
        if (word.length() < 3) {
            return -1;
        }
        String prefix = word.substring(0, 3).toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(prefix)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** RFC 5322 §4.3 obsolete zones; military letters mean "unknown", taken as +0000. */
    private static Integer namedZone(String word) {
        switch (word.toUpperCase(java.util.Locale.ROOT)) {
            case "UT": case "UTC": case "GMT": case "Z":
                return 0;
            case "EDT":
                return -4 * 60;
            case "EST": case "CDT":
                return -5 * 60;
            case "CST": case "MDT":
                return -6 * 60;
            case "MST": case "PDT":
                return -7 * 60;
            case "PST":
                return -8 * 60;
            default:
                return word.length() == 1 ? 0 : null;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String value, int pos) {
        while (pos < value.length() && isDigit(value.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static int number(String value, int from, int to) {
        if (to - from > 6) {
            return Integer.MAX_VALUE; // out of every range, rejected later
        }
        return Integer.parseInt(value, from, to, 10);
    }
}
