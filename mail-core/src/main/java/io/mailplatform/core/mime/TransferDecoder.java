package io.mailplatform.core.mime;

/** Lenient base64 and quoted-printable decoders (RFC 2045 §6.7, §6.8) that never throw. */
final class TransferDecoder {
    private static final byte[] BASE64 = new byte[256];

    static {
        java.util.Arrays.fill(BASE64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = (byte) i;
        }
        // RFC 4648 §5 URL-safe letters, seen in the wild from broken encoders
        BASE64['-'] = 62;
        BASE64['_'] = 63;
    }

    private TransferDecoder() {
    }

    static byte[] base64(byte[] in, int from, int to) {
        byte[] out = new byte[(to - from) / 4 * 3 + 3];
        int length = 0;
        int buffer = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            byte b = in[i];
            if (b == '=') {
                break; // padding ends the data (RFC 2045 §6.8); what follows is ignored
            }
            int value = BASE64[b & 0xff];
            if (value < 0) {
                continue; // line breaks, blanks and junk outside the alphabet are ignored
            }
            buffer = (buffer << 6) | value;
            if (++count == 4) {
                out[length++] = (byte) (buffer >> 16);
                out[length++] = (byte) (buffer >> 8);
                out[length++] = (byte) buffer;
                buffer = 0;
                count = 0;
            }
        }
        if (count == 2) {
            out[length++] = (byte) (buffer >> 4);
        } else if (count == 3) {
            out[length++] = (byte) (buffer >> 10);
            out[length++] = (byte) (buffer >> 2);
        }
        return java.util.Arrays.copyOf(out, length);
    }

    static byte[] quotedPrintable(byte[] in, int from, int to) {
        byte[] out = new byte[to - from];
        int length = 0;
        int i = from;
        while (i < to) {
            byte b = in[i];
            if (b == '=') {
                int soft = softLineBreak(in, i + 1, to);
                if (soft >= 0) {
                    i = soft;
                    continue;
                }
                int high = i + 1 < to ? hex(in[i + 1]) : -1;
                int low = i + 2 < to ? hex(in[i + 2]) : -1;
                if (high >= 0 && low >= 0) {
                    out[length++] = (byte) ((high << 4) | low);
                    i += 3;
                    continue;
                }
                out[length++] = b; // not a valid escape: keep it (RFC 2045 §6.7 note 1)
                i++;
            } else if (b == ' ' || b == '\t') {
                // transport padding: whitespace at the end of an encoded line is dropped (rule 3)
                int j = i;
                while (j < to && (in[j] == ' ' || in[j] == '\t')) {
                    j++;
                }
                if (j == to || in[j] == '\n' || (in[j] == '\r' && j + 1 < to && in[j + 1] == '\n')) {
                    i = j;
                } else {
                    while (i < j) {
                        out[length++] = in[i++];
                    }
                }
            } else {
                out[length++] = b;
                i++;
            }
        }
        return java.util.Arrays.copyOf(out, length);
    }

    /** After an '=' at {@code from - 1}: the offset after a soft line break (blanks allowed before it), or -1. */
    private static int softLineBreak(byte[] in, int from, int to) {
        int j = from;
        while (j < to && (in[j] == ' ' || in[j] == '\t')) {
            j++;
        }
        if (j < to && in[j] == '\n') {
            return j + 1;
        }
        if (j + 1 < to && in[j] == '\r' && in[j + 1] == '\n') {
            return j + 2;
        }
        if (j == to) {
            return j; // '=' (and blanks) at the very end of the data: a soft break
        }
        return -1;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10; // lower case is not canonical but common
        }
        return -1;
    }
}
