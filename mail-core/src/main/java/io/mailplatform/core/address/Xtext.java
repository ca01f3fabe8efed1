package io.mailplatform.core.address;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 3461 §4 {@code xtext}: printable ASCII except {@code +} and {@code =}, other octets as
 * {@code +XX} (upper-case hex). Carries DSN values ({@code ENVID=}, {@code ORCPT=}) through SMTP.
 */
public final class Xtext {
    private Xtext() {
    }

    /**
     * Decodes xtext; throws if the text is not valid xtext, or if what it decodes to is not
     * well-formed UTF-8 or holds a control character. The values it carries are written into
     * messages (ENVID into Original-Envelope-Id, ORCPT into Original-Recipient, RFC 3464 §2.2.1,
     * §2.3.1), so an encoded CR LF ({@code +0D+0A}) must never come out of it and start a forged field.
     */
    public static String decode(String xtext) throws AddressException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets(xtext))).toString();
        } catch (CharacterCodingException e) {
            throw new AddressException("xtext does not decode to UTF-8");
        }
        if (hasControl(text)) {
            throw new AddressException("control character in xtext");
        }
        return text;
    }

    /** Whether text holds a control character (C0, DEL or C1), which no header field value may carry raw. */
    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] octets(String xtext) throws AddressException {
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
        return Arrays.copyOf(out, length);
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
