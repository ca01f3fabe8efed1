package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void blanksBeforeTheColonAreTheObsoleteSyntaxOfTheSameField() {
        // RFC 5322 §4.5: obs-optional = field-name *WSP ":" unstructured CRLF
        byte[] message = ("Authentication-Results : mx.example.test; spf=pass\r\n"
                + "Subject\t \t:  hello\r\n\tworld\r\nTo: a@b.test\r\n\r\nbody").getBytes(StandardCharsets.US_ASCII);
        List<HeaderField> fields = HeaderSection.fields(message);
        assertThat(fields).extracting(HeaderField::name).containsExactly("Authentication-Results", "Subject", "To");
        assertThat(HeaderSection.first(message, fields, "Authentication-Results")).isEqualTo("mx.example.test; spf=pass");
        assertThat(HeaderSection.first(message, fields, "subject")).isEqualTo("hello\tworld");
        HeaderField subject = fields.get(1);
        assertThat(new String(message, subject.start(), subject.end() - subject.start(), StandardCharsets.US_ASCII))
                .isEqualTo("Subject\t \t:  hello\r\n\tworld\r\n");
    }

    @Test
    void linesThatAreNoFieldEndTheFieldBeforeThemAndAreSkipped() {
        byte[] message = ("From: a@b.test\r\nno colon here\r\nBad Name: x\r\n: empty name\r\n"
                + "Na\u00e9me: 8-bit\r\nX\u007fY: del\r\nTo: c@d.test\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        List<HeaderField> fields = HeaderSection.fields(message);
        assertThat(fields).extracting(HeaderField::name).containsExactly("From", "To");
        assertThat(HeaderSection.first(message, fields, "From")).isEqualTo("a@b.test");
    }

    @Test
    void scanReportsNameAndValueOffsetsUpToTheEndOfTheHeader() {
        byte[] message = "A :1\nB:2\n folded\nC:3".getBytes(StandardCharsets.US_ASCII);
        List<int[]> seen = new ArrayList<>();
        HeaderSection.scan(message, 0, message.length, (start, nameEnd, valueStart, end) ->
                seen.add(new int[] {start, nameEnd, valueStart, end}));
        assertThat(seen).containsExactly(new int[] {0, 1, 3, 5}, new int[] {5, 6, 7, 17}, new int[] {17, 18, 19, 20});
    }

    @Test
    void theEnvelopeAndTheFieldListAgreeOnObsoleteFieldNames() {
        byte[] message = ("From : Alice <alice@example.test>\r\nSubject\t: spaced\r\nDate : Tue, 5 Mar 2024 10:00:00 +0000\r\n"
                + "\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        List<HeaderField> fields = HeaderSection.fields(message);
        ImapEnvelope envelope = MessageSummaryParser.parse(message).envelope();
        assertThat(envelope.subject()).isEqualTo(HeaderSection.first(message, fields, "Subject")).isEqualTo("spaced");
        assertThat(envelope.date()).isEqualTo(HeaderSection.first(message, fields, "Date"));
        assertThat(envelope.from()).extracting(EnvelopeAddress::mailbox).containsExactly("alice");
    }
}
