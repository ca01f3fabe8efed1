package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderSectionTest {

    @Test
    void findsFoldedFieldsAndTheBody() {
        byte[] message = ("Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n and more\r\nFrom: a@b.test\r\n"
                + "X-Odd\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(HeaderSection.fields(message)).extracting(HeaderField::name).containsExactly("Subject", "From");
        var fields = HeaderSection.fields(message);
        assertThat(HeaderSection.first(message, fields, "subject")).isEqualTo("=?UTF-8?B?R3LDvMOfZQ==?= and more");
        assertThat(HeaderSection.first(message, fields, "From")).isEqualTo("a@b.test");
        assertThat(new String(message, HeaderSection.bodyOffset(message), 6, StandardCharsets.US_ASCII))
                .isEqualTo("body\r\n");
    }

    @Test
    void toleratesMissingBlankLineAndBareLf() {
        byte[] message = "Subject: hi\nFrom: x@y.test".getBytes(StandardCharsets.US_ASCII);
        assertThat(HeaderSection.bodyOffset(message)).isEqualTo(message.length);
        var fields = HeaderSection.fields(message);
        assertThat(HeaderSection.first(message, fields, "Subject")).isEqualTo("hi");
        assertThat(HeaderSection.first(message, fields, "From")).isEqualTo("x@y.test");
    }
}
