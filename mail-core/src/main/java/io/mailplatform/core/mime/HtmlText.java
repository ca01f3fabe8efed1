package io.mailplatform.core.mime;

import org.jsoup.nodes.Entities;

/**
 * The text of an HTML document for searching: tags and comments removed (each leaves a blank so
 * words on both sides stay apart), script and style content dropped, then character references
 * decoded as HTML5 decodes them in text (WHATWG HTML §13.2.5.72: the whole named table, such as
 * {@code &eacute;}, legacy names without the semicolon, numeric references, invalid ones as
 * U+FFFD), through jsoup. Linear, never throws; malformed markup simply ends up as text.
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
            } else {
                int run = i + 1; // copy text up to the next markup in one piece
                while (run < length && html.charAt(run) != '<') {
                    run++;
                }
                out.append(html, i, run);
                i = run;
            }
        }
        // references are decoded only now: an encoded "&lt;p&gt;" is text, never a tag; every tag
        // left a blank, so no reference is made of pieces from both sides of one. A no-break space
        // separates words like any blank (PostgreSQL's text search would keep it inside a word).
        return out.indexOf("&") < 0 ? out.toString() : Entities.unescape(out.toString()).replace('\u00a0', ' ');
    }

    /** For a script or style start tag, the end tag to skip to; otherwise null. */
    private static String rawTextEnd(String html, int nameStart, int tagEnd) {
        char first = nameStart < tagEnd ? html.charAt(nameStart) : ' ';
        if (first != 's' && first != 'S') {
            return null;
        }
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
}
