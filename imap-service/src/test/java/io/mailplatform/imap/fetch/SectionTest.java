package io.mailplatform.imap.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The section named back in a FETCH response (RFC 9051 §7.5.2) and HEADER.FIELDS[.NOT] filtering (§6.4.5.1). */
class SectionTest {
    private static final byte[] HEADER = ("From: a@example.org\r\nSubject: hi\r\n  folded\r\nDate: Mon, 7 Dec 2026\r\n"
            + "X-Other: 1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void theSpecificationNamesPartsTextAndFields() {
        assertThat(Section.WHOLE.spec()).isEmpty();
        assertThat(new Section(List.of(1, 2, 10), Section.Text.NONE, List.of()).spec()).isEqualTo("1.2.10");
        assertThat(new Section(List.of(2), Section.Text.MIME, List.of()).spec()).isEqualTo("2.MIME");
        assertThat(Section.of(Section.Text.TEXT).spec()).isEqualTo("TEXT");
        assertThat(new Section(List.of(), Section.Text.HEADER_FIELDS, List.of("date", "From")).spec())
                .isEqualTo("HEADER.FIELDS (DATE FROM)");
        assertThat(new Section(List.of(3), Section.Text.HEADER_FIELDS_NOT, List.of("a b", "x\"y")).spec())
                .isEqualTo("3.HEADER.FIELDS.NOT (\"a b\" \"x\\\"y\")");
    }

    @Test
    void headerFieldsKeepTheNamedFieldsWithTheirFoldingAndTheBlankLine() {
        String kept = new String(HeaderFilter.filter(HEADER, List.of("SUBJECT", "date"), false), StandardCharsets.US_ASCII);
        assertThat(kept).isEqualTo("Subject: hi\r\n  folded\r\nDate: Mon, 7 Dec 2026\r\n\r\n");
    }

    @Test
    void headerFieldsNotKeepTheOthers() {
        String kept = new String(HeaderFilter.filter(HEADER, List.of("subject", "DATE"), true), StandardCharsets.US_ASCII);
        assertThat(kept).isEqualTo("From: a@example.org\r\nX-Other: 1\r\n\r\n");
    }
}
