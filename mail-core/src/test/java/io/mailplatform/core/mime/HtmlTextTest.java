package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {
    @Test
    void stripsTagsScriptsStylesAndCommentsAndDecodesReferences() {
        assertThat(HtmlText.strip("<p>Hello<br>world</p>").trim()).isEqualTo("Hello world");
        assertThat(HtmlText.strip("a<script type=x>var x = '<p>';</script>b<STYLE>p{}</STYLE >c<!-- hidden -->d"))
                .isEqualTo("a  b  c d");
        assertThat(HtmlText.strip("&lt;&amp;&gt;&quot;&#233;&#xE9;&nbsp;&unknown; & &#99999999;"))
                .isEqualTo("<&>\"éé &unknown; & \ufffd");
        assertThat(HtmlText.strip("unclosed <b tag")).isEqualTo("unclosed <b tag");
        assertThat(HtmlText.strip("<script>never closed")).isEqualTo(" ");
        assertThat(HtmlText.strip("<!-- never closed")).isEqualTo(" ");
    }

    @Test
    void decodesTheWholeHtml5TableOfNamedReferences() {
        assertThat(HtmlText.strip("<p>caf&eacute; cr&egrave;me br&ucirc;l&eacute;e</p>").trim()).isEqualTo("café crème brûlée");
        assertThat(HtmlText.strip("Stra&szlig;e &Auml;rger &euro;5 &mdash; &hellip;&rarr; &NotNestedGreaterGreater;"))
                .isEqualTo("Straße Ärger €5 — …→ \u2aa2\u0338");
        assertThat(HtmlText.strip("a&nbsp;b&#160;c")).isEqualTo("a b c");
        // numeric references, decimal and hexadecimal, beyond the BMP too; C1 controls mean windows-1252
        assertThat(HtmlText.strip("&#65;&#x42;&#X43; &#x1F600; &#128;")).isEqualTo("ABC \ud83d\ude00 €");
        // legacy names need no semicolon in text, as browsers read them
        assertThat(HtmlText.strip("caf&eacute au lait &copy 2024")).isEqualTo("café au lait © 2024");
    }

    @Test
    void anEncodedTagIsTextAndTagsNeverJoinAReference() {
        assertThat(HtmlText.strip("&lt;script&gt;x&lt;/script&gt; visible")).isEqualTo("<script>x</script> visible");
        assertThat(HtmlText.strip("&ea<b>cute;")).isEqualTo("&ea cute;");
    }
}
