package io.mailplatform.webmail.mail;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} with a file name a browser can use safely (RFC 6266):
 * the name without directories, control characters or a leading dot, as {@code filename*} in UTF-8
 * (RFC 8187) and as an ASCII {@code filename} fallback for old clients.
 */
final class ContentDispositions {
    private static final int MAX_NAME = 200;

    private ContentDispositions() {
    }

    static String attachment(String name) {
        String safe = safeName(name);
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < safe.length(); i++) {
            char c = safe.charAt(i);
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
        }
        for (byte b : safe.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            // RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    /** The last path segment, without controls, bidi overrides or leading dots; "attachment" when nothing is left. */
    static String safeName(String name) {
        String base = name == null ? "" : name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        StringBuilder out = new StringBuilder();
        base.codePoints().filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT
                && cp != ':' && cp != '*' && cp != '?' && cp != '<' && cp != '>' && cp != '|').forEach(out::appendCodePoint);
        String result = out.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1);
        }
        if (result.codePointCount(0, result.length()) > MAX_NAME) {
            result = result.substring(0, result.offsetByCodePoints(0, MAX_NAME));
        }
        return result.isEmpty() ? "attachment" : result;
    }
}
