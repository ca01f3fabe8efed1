package io.mailplatform.smtp.parse;

import java.util.Locale;

/**
 * The argument of BDAT (RFC 3030 §2: {@code chunk-size [SP "LAST"]}). The frame decoder needs the
 * size before the session runs, since the chunk follows the command line at once; the command
 * parser reads the same rule.
 *
 * @param size the chunk size in octets
 * @param last whether this chunk ends the message
 */
public record BdatLine(long size, boolean last) {
    private static final int MAX_DIGITS = 18;

    /** Parses the text after {@code "BDAT "}; null when it is not {@code 1*DIGIT [SP "LAST"]}. */
    public static BdatLine parse(String argument) {
        String[] parts = argument.split(" ", -1);
        if (parts.length == 0 || parts.length > 2 || parts[0].isEmpty() || parts[0].length() > MAX_DIGITS) {
            return null;
        }
        for (int i = 0; i < parts[0].length(); i++) {
            if (parts[0].charAt(i) < '0' || parts[0].charAt(i) > '9') {
                return null;
            }
        }
        if (parts.length == 2 && !parts[1].toUpperCase(Locale.ROOT).equals("LAST")) {
            return null;
        }
        return new BdatLine(Long.parseLong(parts[0]), parts.length == 2);
    }

    /** Parses a whole command line if it is a BDAT command, else null. */
    public static BdatLine ofCommandLine(String line) {
        if (line.length() < 6 || !line.regionMatches(true, 0, "BDAT ", 0, 5)) {
            return null;
        }
        return parse(line.substring(5));
    }
}
