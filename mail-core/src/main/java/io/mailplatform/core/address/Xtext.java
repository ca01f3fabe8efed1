package io.mailplatform.core.address;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3461 §4 {@code xtext}: printable ASCII except {@code +} and {@code =}, other octets as
 * {@code +XX} (upper-case hex). Carries DSN values ({@code ENVID=}, {@code ORCPT=}) through SMTP.
 */
public final class Xtext {
    private Xtext() {
    }

    /** Decodes xtext; throws if the text is not valid xtext. */
    public static String decode(String xtext) throws AddressException {
        byte[] out = new byte[xtext.length()];
        int length = 0;
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    throw new AddressException("truncated hexchar in xtext");
                }
                int high = hex(xtext.charAt(i + 1));
                int low = hex(xtext.charAt(i + 2));
                if (high < 0 || low < 0) {
                    throw new AddressException("invalid hexchar in xtext");
                }
                out[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (isXchar(c)) {
                out[length++] = (byte) c;
            } else {
                throw new AddressException("invalid character in xtext");
            }
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    /** Encodes text (UTF-8) as xtext. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isXchar((char) c)) {
                out.append((char) c);
            } else {
                out.append('+').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** Whether text is syntactically valid xtext. */
    public static boolean isValid(String xtext) {
        try {
            decode(xtext);
            return true;
        } catch (AddressException e) {
            return false;
        }
    }

    private static boolean isXchar(char c) {
        return c >= '!' && c <= '~' && c != '+' && c != '=';
    }

    /** RFC 3461 hexchar digits are upper case only. */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
