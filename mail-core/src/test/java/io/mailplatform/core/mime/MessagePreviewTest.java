package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 8970 previews: which part, decoded how, white space and the 256-character cap. */
class MessagePreviewTest {

    private static String preview(String message) {
        byte[] raw = message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return MessagePreview.of(raw, MessageSummaryParser.parse(raw).body());
    }

    @Test
    void firstTextPartDecodedWithWhiteSpaceRunsAsOneSpace() {
        assertThat(preview("Subject: s\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                + "  Gr=C3=BC=C3=9Fe,\n\n\tsee   you\n")).isEqualTo("Grüße, see you");
    }

    @Test
    void plainBeforeItsHtmlAlternativeAndNoAttachment() {
        String message = """
                Subject: s
                Content-Type: multipart/mixed; boundary=m

                --m
                Content-Type: text/plain
                Content-Disposition: attachment; filename=notes.txt

                attached text
                --m
                Content-Type: multipart/alternative; boundary=a

                --a
                Content-Type: text/html

                <p>html</p>
                --a
                Content-Type: text/plain

                plain text
                --a--
                --m--
                """;
        assertThat(preview(message)).isEqualTo("plain text");
    }

    @Test
    void htmlWithoutTagsAndNothingWithoutText() {
        assertThat(preview("Subject: s\nContent-Type: text/html\n\n<html><body><p>Hello <b>there</b></p></body></html>\n"))
                .isEqualTo("Hello there");
        assertThat(preview("Subject: s\nContent-Type: image/gif\nContent-Transfer-Encoding: base64\n\nR0lGODlhAQABAAAAACw=\n"))
                .isEmpty();
    }

    @Test
    void atMost256CharactersCountingCodePoints() {
        String text = "😀".repeat(300);
        String preview = preview("Subject: s\nContent-Type: text/plain; charset=utf-8\n\n" + text + "\n");
        assertThat(preview.codePointCount(0, preview.length())).isEqualTo(MessagePreview.MAX_CHARACTERS);
        assertThat(MessagePreview.normalize(" a\u0000b \r\n c ")).isEqualTo("a b c");
    }
}
