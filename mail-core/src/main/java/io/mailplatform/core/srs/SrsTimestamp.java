package io.mailplatform.core.srs;

import java.time.Instant;

/**
 * The timestamp of an SRS0 address: the day (UTC) it was made, modulo {@value #SLOTS}, as two base32
 * characters. It wraps every 1024 days, so an age is counted modulo 1024 too.
 */
final class SrsTimestamp {
    static final int SLOTS = 1024;
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final long SECONDS_PER_DAY = 86_400;

    private SrsTimestamp() {
    }

    static String create(Instant now) {
        int day = day(now);
        return new String(new char[] {BASE32.charAt(day >> 5), BASE32.charAt(day & 31)});
    }

    /**
     * The age in days of a timestamp (0 to 1023), or -1 when it is not two base32 characters
     * (either case: some MTAs lower-case the address).
     */
    static int age(String stamp, Instant now) {
        if (stamp.length() != 2) {
            return -1;
        }
        int high = BASE32.indexOf(upper(stamp.charAt(0)));
        int low = BASE32.indexOf(upper(stamp.charAt(1)));
        if (high < 0 || low < 0) {
            return -1;
        }
        return Math.floorMod(day(now) - (high << 5 | low), SLOTS);
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }

    private static int day(Instant now) {
        return (int) Math.floorMod(Math.floorDiv(now.getEpochSecond(), SECONDS_PER_DAY), (long) SLOTS);
    }
}
