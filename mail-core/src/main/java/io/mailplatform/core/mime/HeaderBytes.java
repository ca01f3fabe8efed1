package io.mailplatform.core.mime;

import java.nio.charset.StandardCharsets;

/**
 * Header bytes to text: unfolding (RFC 5322 §2.2.3) and the charset rule of this platform, UTF-8
 * when the bytes are valid UTF-8 (RFC 6532), otherwise ISO-8859-1, which maps every byte to one
 * character so 8-bit junk stays visible and never fails.
 */
final class HeaderBytes {
    private HeaderBytes() {
    }

    /** The field value in {@code [from, to)} unfolded (CR and LF removed) and trimmed of blanks. */
    static String unfolded(byte[] m, int from, int to) {
        while (from < to && isBlankOrBreak(m[from])) {
            from++;
        }
        while (to > from && isBlankOrBreak(m[to - 1])) {
            to--;
        }
        if (from >= to) {
            return "";
        }
        boolean ascii = true;
        boolean folded = false;
        for (int i = from; i < to; i++) {
            byte b = m[i];
            if (b < 0) {
                ascii = false;
            } else if (b == '\r' || b == '\n') {
                folded = true;
            }
        }
        if (!folded) {
            return text(m, from, to, ascii);
        }
        byte[] copy = new byte[to - from];
        int length = 0;
        for (int i = from; i < to; i++) {
            byte b = m[i];
            if (b != '\r' && b != '\n') {
                copy[length++] = b;
            }
        }
        return text(copy, 0, length, ascii);
    }

    /** Bytes to text with the UTF-8-else-ISO-8859-1 rule. */
    static String text(byte[] m, int from, int to) {
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            if (m[i] < 0) {
                ascii = false;
                break;
            }
        }
        return text(m, from, to, ascii);
    }

    private static String text(byte[] m, int from, int to, boolean ascii) {
        if (ascii) {
            return new String(m, from, to - from, StandardCharsets.ISO_8859_1);
        }
        return new String(m, from, to - from, isUtf8(m, from, to) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    /** True when {@code [from, to)} is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates). */
    static boolean isUtf8(byte[] m, int from, int to) {
        int i = from;
        while (i < to) {
            int b = m[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min;
            if (b >= 0xc2 && b <= 0xdf) {
                extra = 1;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                extra = 2;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                extra = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + extra >= to) {
                return false;
            }
            int code = b & (0x3f >> extra);
            for (int k = 1; k <= extra; k++) {
                int c = m[i + k] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    return false;
                }
                code = (code << 6) | (c & 0x3f);
            }
            if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
                return false;
            }
            i += extra + 1;
        }
        return true;
    }

    private static boolean isBlankOrBreak(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
