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
                .isEqualTo("<&>\"éé &unknown; & &#99999999;");
        assertThat(HtmlText.strip("unclosed <b tag")).isEqualTo("unclosed <b tag");
        assertThat(HtmlText.strip("<script>never closed")).isEqualTo(" ");
        assertThat(HtmlText.strip("<!-- never closed")).isEqualTo(" ");
    }
}
