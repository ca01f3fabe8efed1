package io.mailplatform.core.mime;

/**
 * The text of an HTML document for searching: tags and comments removed (each leaves a blank so
 * words on both sides stay apart), script and style content dropped, common character references
 * decoded. Linear, never throws; malformed markup simply ends up as text.
 */
final class HtmlText {
    private HtmlText() {
    }

    static String strip(String html) {
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        int length = html.length();
        while (i < length) {
            char c = html.charAt(i);
            if (c == '<') {
                if (html.startsWith("<!--", i)) {
                    int close = html.indexOf("-->", i + 4);
                    i = close < 0 ? length : close + 3;
                    out.append(' ');
                    continue;
                }
                int close = html.indexOf('>', i + 1);
                if (close < 0) {
                    out.append(html, i, length); // not a tag after all
                    break;
                }
                String skipTo = rawTextEnd(html, i + 1, close);
                i = close + 1;
                if (skipTo != null) {
                    int end = indexOfIgnoreCase(html, skipTo, i);
                    i = end < 0 ? length : end;
                }
                out.append(' ');
            } else if (c == '&') {
                i = entity(html, i, out);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** For a script or style start tag, the end tag to skip to; otherwise null. */
    private static String rawTextEnd(String html, int nameStart, int tagEnd) {
        if (regionIsName(html, nameStart, tagEnd, "script")) {
            return "</script";
        }
        if (regionIsName(html, nameStart, tagEnd, "style")) {
            return "</style";
        }
        return null;
    }

    private static boolean regionIsName(String html, int start, int tagEnd, String name) {
        int end = start + name.length();
        if (end > tagEnd || !html.regionMatches(true, start, name, 0, name.length())) {
            return false;
        }
        char after = html.charAt(end);
        return after == '>' || after == ' ' || after == '\t' || after == '\r' || after == '\n' || after == '/';
    }

    private static int indexOfIgnoreCase(String html, String what, int from) {
        int last = html.length() - what.length();
        char first = what.charAt(0);
        for (int i = from; i <= last; i++) {
            if (html.charAt(i) == first && html.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }

    /** Decodes a character reference at {@code i} (an '&'), appending its text; returns the next index. */
    private static int entity(String html, int i, StringBuilder out) {
        int semicolon = -1;
        for (int j = i + 1; j < html.length() && j <= i + 10; j++) {
            if (html.charAt(j) == ';') {
                semicolon = j;
                break;
            }
        }
        if (semicolon < 0) {
            out.append('&');
            return i + 1;
        }
        String name = html.substring(i + 1, semicolon);
        int code = -1;
        if (name.startsWith("#x") || name.startsWith("#X")) {
            code = parse(name.substring(2), 16);
        } else if (name.startsWith("#")) {
            code = parse(name.substring(1), 10);
        } else {
            switch (name) {
                case "amp": code = '&'; break;
                case "lt": code = '<'; break;
                case "gt": code = '>'; break;
                case "quot": code = '"'; break;
                case "apos": code = '\''; break;
                case "nbsp": code = ' '; break;
                default: code = -1;
            }
        }
        if (code <= 0 || code > Character.MAX_CODE_POINT || (code >= 0xd800 && code <= 0xdfff)) {
            out.append(html, i, semicolon + 1);
        } else {
            out.appendCodePoint(code);
        }
        return semicolon + 1;
    }

    private static int parse(String digits, int radix) {
        if (digits.isEmpty() || digits.length() > 7) {
            return -1;
        }
        try {
            return Integer.parseInt(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
