package io.mailplatform.webmail.html;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes the HTML of a message safe to show: an allow-list of elements and attributes (jsoup
 * {@link Safelist}), so scripts, event handlers, forms, frames, objects, SVG, {@code <style>} and
 * {@code <meta>} never pass; links only to http, https and mailto; images only from http, https
 * and {@code cid:} (parts of the message itself, rewritten to their download URL); inline
 * {@code style} attributes reduced to plain declarations (no {@code url()}, {@code expression()},
 * escapes or comments). Remote images are dropped unless the reader asked for them, and the
 * result says whether any was: loading one tells the sender that, when and where the message was read.
 */
public final class HtmlSanitizer {
    private static final Safelist SAFELIST = allowed()
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .addEnforcedAttribute("a", "target", "_blank");
    /** What the account's own HTML may keep when it is sent: the same elements, its links as written. */
    private static final Safelist OUTGOING = allowed();

    /** CSS properties a message may set inline: layout and typography, nothing that loads or runs anything. */
    private static final Set<String> CSS_PROPERTIES = Set.of("color", "background-color", "font", "font-family",
            "font-size", "font-style", "font-weight", "font-variant", "text-align", "text-decoration", "text-indent",
            "text-transform", "line-height", "letter-spacing", "word-spacing", "white-space", "vertical-align",
            "margin", "margin-top", "margin-right", "margin-bottom", "margin-left", "padding", "padding-top",
            "padding-right", "padding-bottom", "padding-left", "border", "border-top", "border-right", "border-bottom",
            "border-left", "border-color", "border-style", "border-width", "border-collapse", "border-spacing",
            "border-radius", "width", "max-width", "min-width", "height", "max-height", "min-height", "display",
            "list-style-type", "table-layout", "text-overflow", "overflow-wrap", "word-break", "direction");
    /** A declaration's value: words, numbers, colours, quoted font names; no parentheses but rgb()/rgba(). */
    private static final Pattern CSS_VALUE = Pattern.compile(
            "(?:[-#%.,!\\w\\s'\"]|rgba?\\([\\d\\s.,%]*\\))*");

    private HtmlSanitizer() {
    }

    /** jsoup's relaxed list and the formatting old mail uses; a new instance each time (Safelist is mutable). */
    private static Safelist allowed() {
        return Safelist.relaxed()
                .addTags("center", "font", "hr", "s", "del", "ins", "mark", "abbr", "address", "article", "section",
                        "header", "footer", "figure", "figcaption", "small", "big", "tt")
                .addAttributes(":all", "style", "dir", "lang", "align", "valign", "bgcolor", "width", "height")
                .addAttributes("table", "border", "cellpadding", "cellspacing")
                .addAttributes("td", "nowrap")
                .addAttributes("blockquote", "type") // type="cite": the quoted original of a reply
                .addAttributes("font", "color", "face", "size")
                .addProtocols("img", "src", "cid")
                .preserveRelativeLinks(false);
    }

    /** The sanitised HTML (a body fragment) and whether remote images were dropped. */
    public record Result(String html, boolean remoteContentBlocked) {
    }

    /**
     * @param remoteContent keep images from http and https URLs
     * @param cidUrls the download URL of a part by its Content-ID (without angle brackets), null if unknown
     */
    public static Result sanitize(String html, boolean remoteContent, Function<String, String> cidUrls) {
        Document dirty = Jsoup.parse(html);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        boolean blocked = false;
        for (Element image : clean.select("img")) {
            String src = image.attr("src");
            String lower = src.toLowerCase(Locale.ROOT);
            if (lower.startsWith("cid:")) {
                String url = cidUrls.apply(src.substring(4));
                if (url == null) {
                    image.removeAttr("src");
                } else {
                    image.attr("src", url);
                }
            } else if (!remoteContent && !src.isEmpty()) {
                image.removeAttr("src");
                blocked = true;
            }
        }
        cleanStyles(clean);
        return new Result(clean.body().html(), blocked);
    }

    /**
     * The HTML body of a message the account sends or saves as a draft, written in the page's editor or
     * by a script: its own content, so remote images and links stay as written, but nothing active
     * leaves the platform under our name (the same allow-list and style rules as for reading; no
     * scripts, event handlers, {@code javascript:} URLs, forms, frames or objects), as a whole document.
     */
    public static String forSending(String html) {
        Document clean = new Cleaner(OUTGOING).clean(Jsoup.parse(html));
        clean.outputSettings().prettyPrint(false);
        cleanStyles(clean);
        return "<!DOCTYPE html>\r\n<html><head><meta charset=\"utf-8\"></head><body>" + clean.body().html()
                + "</body></html>\r\n";
    }

    private static void cleanStyles(Document clean) {
        for (Element styled : clean.select("[style]")) {
            String style = cleanStyle(styled.attr("style"));
            if (style.isEmpty()) {
                styled.removeAttr("style");
            } else {
                styled.attr("style", style);
            }
        }
    }

    /** Only allowed properties with plain values; anything that could load, run or hide a trick is dropped. */
    static String cleanStyle(String style) {
        if (style.indexOf('\\') >= 0 || style.contains("/*") || style.contains("&")) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String declaration : style.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String property = declaration.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = declaration.substring(colon + 1).trim();
            if (!CSS_PROPERTIES.contains(property) || value.isEmpty() || !CSS_VALUE.matcher(value).matches()) {
                continue;
            }
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.contains("expression") || lower.contains("url") || lower.contains("javascript")) {
                continue;
            }
            out.append(out.length() == 0 ? "" : "; ").append(property).append(": ").append(value);
        }
        return out.toString();
    }
}
