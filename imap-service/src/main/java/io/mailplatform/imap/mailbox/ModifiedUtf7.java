package io.mailplatform.imap.mailbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The modified UTF-7 of IMAP4rev1 mailbox names (RFC 3501 §5.1.3, RFC 9051 Appendix A.1):
 * printable ASCII stands for itself ("&amp;" as "&amp;-"), anything else is UTF-16 in modified
 * base64 ("," for "/", no padding) between "&amp;" and "-".
 */
public final class ModifiedUtf7 {
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();
    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private ModifiedUtf7() {
    }

    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int end = i;
            while (end < name.length() && (name.charAt(end) < 0x20 || name.charAt(end) > 0x7e)) {
                end++;
            }
            out.append('&');
            base64(name.substring(i, end).getBytes(StandardCharsets.UTF_16BE), out);
            out.append('-');
            i = end;
        }
        return out.toString();
    }

    /**
     * Decodes a name. Strict, as RFC 9051 Appendix A.1 asks of servers: no superfluous shifts,
     * no encoded printable ASCII, always shifting back to ASCII.
     *
     * @throws IllegalArgumentException if the name is not valid modified UTF-7
     */
    public static String decode(String name) {
        StringBuilder out = new StringBuilder(name.length());
        int i = 0;
        boolean justShiftedBack = false;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("not printable ASCII");
            }
            if (c != '&') {
                out.append(c);
                i++;
                justShiftedBack = false;
                continue;
            }
            int dash = name.indexOf('-', i + 1);
            if (dash < 0) {
                throw new IllegalArgumentException("unterminated shift");
            }
            if (dash == i + 1) {
                out.append('&');
                i = dash + 1;
                justShiftedBack = false;
                continue;
            }
            if (justShiftedBack) {
                throw new IllegalArgumentException("superfluous shift");
            }
            String decoded = decodeBase64(name.substring(i + 1, dash));
            for (int k = 0; k < decoded.length(); k++) {
                char d = decoded.charAt(k);
                if (d >= 0x20 && d <= 0x7e) {
                    throw new IllegalArgumentException("printable ASCII in modified base64");
                }
            }
            out.append(decoded);
            i = dash + 1;
            justShiftedBack = true;
        }
        return out.toString();
    }

    private static void base64(byte[] bytes, StringBuilder out) {
        int i = 0;
        for (; i + 2 < bytes.length; i += 3) {
            int n = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff);
            out.append(ALPHABET[n >> 18 & 63]).append(ALPHABET[n >> 12 & 63]).append(ALPHABET[n >> 6 & 63])
                    .append(ALPHABET[n & 63]);
        }
        int rest = bytes.length - i;
        if (rest == 1) {
            int n = (bytes[i] & 0xff) << 16;
            out.append(ALPHABET[n >> 18 & 63]).append(ALPHABET[n >> 12 & 63]);
        } else if (rest == 2) {
            int n = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8;
            out.append(ALPHABET[n >> 18 & 63]).append(ALPHABET[n >> 12 & 63]).append(ALPHABET[n >> 6 & 63]);
        }
    }

    private static String decodeBase64(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int value = c < 128 ? VALUES[c] : -1;
            if (value < 0) {
                throw new IllegalArgumentException("not modified base64");
            }
            buffer = buffer << 6 | value;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                bytes.write(buffer >> bits & 0xff);
            }
        }
        if (bits >= 6 || (buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("bad modified base64 padding");
        }
        byte[] utf16 = bytes.toByteArray();
        if (utf16.length % 2 != 0 || utf16.length == 0) {
            throw new IllegalArgumentException("incomplete UTF-16");
        }
        try {
            return StandardCharsets.UTF_16BE.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(utf16)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("invalid UTF-16");
        }
    }
}
