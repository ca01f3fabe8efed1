package io.mailplatform.core.address;

/** RFC 5321 §4.1.2 {@code Local-part = Dot-string / Quoted-string}, with RFC 6531 UTF-8 allowed. */
final class LocalPart {
    private LocalPart() {
    }

    static String parse(String text) throws AddressException {
        if (text.startsWith("\"")) {
            return unquote(text);
        }
        if (!isDotString(text)) {
            throw new AddressException("invalid local part '" + text + "'");
        }
        return text;
    }

    static String format(String local) {
        if (isDotString(local)) {
            return local;
        }
        StringBuilder quoted = new StringBuilder(local.length() + 2).append('"');
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }

    static boolean isDotString(String text) {
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '.' && !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5322 atext, plus any non-ASCII character (RFC 6531 §3.3 UTF8-non-ascii). */
    static boolean isAtext(char c) {
        if (c > 0x7f) {
            return true;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static String unquote(String text) throws AddressException {
        if (text.length() < 2 || !text.endsWith("\"")) {
            throw new AddressException("unterminated quoted local part");
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (++i >= text.length() - 1) {
                    throw new AddressException("dangling backslash in quoted local part");
                }
                c = text.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new AddressException("control character in quoted local part");
                }
            } else if (c == '"' || (c < 0x20 || c == 0x7f)) {
                throw new AddressException("invalid character in quoted local part");
            }
            out.append(c);
        }
        return out.toString();
    }
}
