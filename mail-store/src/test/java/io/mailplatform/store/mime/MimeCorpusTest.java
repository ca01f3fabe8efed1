package io.mailplatform.store.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.ContentTransferEncoding;
import io.mailplatform.core.mime.EnvelopeAddress;
import io.mailplatform.core.mime.HeaderText;
import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.core.mime.MessageSummaryCodec;
import io.mailplatform.core.mime.MessageSummaryParser;
import io.mailplatform.store.mailbox.SummaryColumns;
import io.mailplatform.testsupport.mime.MalformedMessages;
import io.mailplatform.testsupport.mime.ReferenceMessages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared MIME corpus of test-support through the parser, the codec and the summary columns
 * (no database): every malformed case is handled (no internal error, consistent offsets), and the
 * reference messages have exactly their documented structure.
 */
class MimeCorpusTest {

    static Stream<MalformedMessages.Case> malformed() {
        return MalformedMessages.all().stream();
    }

    @Test
    void theCorpusHasAtLeastThirtyDistinctlyNamedCases() {
        List<MalformedMessages.Case> all = MalformedMessages.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        assertThat(all.stream().map(MalformedMessages.Case::name).distinct().count()).isEqualTo(all.size());
        assertThat(MalformedMessages.named("bare-lf").content()).doesNotContain((byte) '\r');
        assertThat(MalformedMessages.all()).isEqualTo(all); // deterministic
        assertThat(MalformedMessages.named("header-line-1mib").longestLine()).isGreaterThan(1 << 20);
        assertThat(MalformedMessages.named("bare-lf").longestLine()).isLessThan(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void everyMalformedMessageGetsAConsistentBestEffortSummary(MalformedMessages.Case malformed) {
        byte[] m = malformed.content();
        MessageSummary summary = MessageSummaryParser.parseStrictly(m, MessageSummaryParser.Limits.DEFAULT);
        assertThat(summary.body().headerOffset()).isZero();
        assertThat(summary.size()).isEqualTo(m.length);
        assertThat(entities(summary.body(), 0, m.length)).isLessThanOrEqualTo(2 * MessageSummaryParser.Limits.DEFAULT.maxParts());
        MessageSummary stored = summary.withoutSearchText();
        assertThat(MessageSummaryCodec.decode(MessageSummaryCodec.encode(stored))).isEqualTo(stored);
        SummaryColumns columns = SummaryColumns.of(summary, m);
        for (String text : new String[] {columns.subject(), columns.fromText(), columns.toText(), columns.searchText(),
            columns.headerText()}) {
            assertThat(text == null || text.indexOf('\0') < 0).isTrue();
        }
        assertThat(columns.searchText().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(MessageSummaryParser.SEARCH_TEXT_LIMIT);
        assertThat(columns.headerText().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(MessageSummaryParser.HEADER_TEXT_LIMIT);
        assertThat(MessageSummaryParser.parse(m)).isEqualTo(summary);
    }

    /** Counts entities and checks that each lies inside its parent's body. */
    private static int entities(BodyPart part, int from, int to) {
        assertThat(part.headerOffset()).isBetween(from, to);
        assertThat(part.bodyOffset()).isBetween(part.headerOffset(), to);
        assertThat(part.endOffset()).isBetween(part.bodyOffset(), to);
        int count = 1;
        for (BodyPart child : part.parts()) {
            count += entities(child, part.bodyOffset(), part.endOffset());
        }
        if (part.message() != null) {
            count += entities(part.message(), part.bodyOffset(), part.endOffset());
        }
        return count;
    }

    @Test
    void selectedMalformedCasesGiveTheExpectedBestEffort() {
        assertThat(summary("multipart-without-boundary").body().parts()).hasSize(1);
        assertThat(summary("deep-multipart-nesting").body().type()).isEqualTo("multipart");
        assertThat(summary("many-parts").body().parts()).hasSize(MessageSummaryParser.Limits.DEFAULT.maxParts() - 1);
        assertThat(summary("encoded-message-rfc822").body().envelope()).isNull();
        assertThat(summary("header-line-1mib").envelope().subject()).hasSize(1 << 20);
        assertThat(summary("eight-bit-header-junk").envelope().subject()).isEqualTo("Grüße à tous");
        assertThat(summary("huge-address-list").envelope().to()).hasSize(10_000);
        assertThat(summary("bad-dates").sentDate()).isNull();
        assertThat(summary("boundary-in-quoted-string").body().parts()).hasSize(1);
        assertThat(summary("unknown-transfer-encoding").body().parts()).extracting(p -> ContentTransferEncoding.of(p))
                .allMatch(java.util.Optional::isEmpty);
        assertThat(summary("whitespace-before-colon").envelope().subject()).isEqualTo("spaced");
        assertThat(summary("whitespace-before-colon").body().parameter("charset")).isEqualTo("utf-8");
    }

    private static MessageSummary summary(String name) {
        return MessageSummaryParser.parse(MalformedMessages.named(name).content());
    }

    // ---- reference messages ------------------------------------------------------------------

    static String slice(byte[] m, int from, int to) {
        return new String(m, from, to - from, StandardCharsets.UTF_8);
    }

    @Test
    void nestedAlternativeHasItsDocumentedStructure() {
        byte[] m = ReferenceMessages.nestedAlternative();
        MessageSummary summary = MessageSummaryParser.parse(m);
        BodyPart root = summary.body();
        assertThat(root.type() + "/" + root.subtype()).isEqualTo("multipart/alternative");
        assertThat(root.parts()).hasSize(2);
        BodyPart plain = root.part(1);
        assertThat(plain.parameters()).containsExactly(new BodyPart.Parameter("charset", "us-ascii"));
        assertThat(slice(m, plain.bodyOffset(), plain.endOffset())).isEqualTo("Plain version");
        assertThat(plain.lines()).isEqualTo(1);
        BodyPart mixed = root.part(2);
        assertThat(mixed.subtype()).isEqualTo("mixed");
        assertThat(mixed.parts()).hasSize(2);
        assertThat(slice(m, root.part(2, 1).bodyOffset(), root.part(2, 1).endOffset())).isEqualTo("<p>HTML version</p>");
        BodyPart rfc822 = root.part(2, 2);
        assertThat(rfc822.type() + "/" + rfc822.subtype()).isEqualTo("message/rfc822");
        assertThat(rfc822.description()).isEqualTo("forwarded");
        assertThat(slice(m, rfc822.headerOffset(), rfc822.bodyOffset()))
                .isEqualTo("Content-Type: message/rfc822\r\nContent-Description: forwarded\r\n\r\n");
        assertThat(rfc822.envelope()).isEqualTo(new ImapEnvelope("Tue, 5 Mar 2024 10:00:00 +0100", "Inner message",
                List.of(new EnvelopeAddress("Carol", null, "carol", "example.net")),
                List.of(new EnvelopeAddress("Carol", null, "carol", "example.net")),
                List.of(new EnvelopeAddress("Carol", null, "carol", "example.net")),
                List.of(new EnvelopeAddress(null, null, "alice", "example.org")), List.of(), List.of(), null,
                "<inner@example.net>"));
        String encapsulated = slice(m, rfc822.bodyOffset(), rfc822.endOffset());
        assertThat(encapsulated).startsWith("From: Carol").endsWith("--inner--\r\n");
        assertThat(rfc822.lines()).isEqualTo(encapsulated.split("\r\n", -1).length - 1);
        BodyPart inner = rfc822.message();
        assertThat(slice(m, inner.bodyOffset(), inner.endOffset())).startsWith("--inner\r\n");
        assertThat(slice(m, root.part(2, 2, 1).bodyOffset(), root.part(2, 2, 1).endOffset())).isEqualTo("Inner text");
        BodyPart pdf = root.part(2, 2, 2);
        assertThat(pdf.type() + "/" + pdf.subtype()).isEqualTo("application/pdf");
        assertThat(pdf.parameters()).containsExactly(new BodyPart.Parameter("name", "doc.pdf"));
        assertThat(pdf.encoding()).isEqualTo("base64");
        assertThat(pdf.disposition()).isEqualTo(new BodyPart.Disposition("attachment",
                List.of(new BodyPart.Parameter("filename", "doc.pdf"))));
        assertThat(ContentTransferEncoding.of(pdf).orElseThrow().decode(m, pdf.bodyOffset(), pdf.endOffset()))
                .isEqualTo("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(summary.sentDate().toInstant()).isEqualTo(Instant.parse("2024-03-06T08:30:00Z"));
        assertThat(summary.searchText()).doesNotContain("preamble", "epilogue");
    }

    @Test
    void attachmentsReportEveryBodystructureField() {
        byte[] m = ReferenceMessages.attachments();
        BodyPart root = MessageSummaryParser.parse(m).body();
        assertThat(root.parameter("boundary")).isEqualTo("----=_Part_1");
        BodyPart text = root.part(1);
        assertThat(text.parameters()).containsExactly(new BodyPart.Parameter("charset", "utf-8"),
                new BodyPart.Parameter("format", "flowed"));
        assertThat(new String(ContentTransferEncoding.of(text).orElseThrow().decode(m, text.bodyOffset(), text.endOffset()),
                StandardCharsets.UTF_8)).isEqualTo("Grüße aus Köln, see the picture.");
        BodyPart image = root.part(2);
        assertThat(image.parameters()).containsExactly(new BodyPart.Parameter("name", "Köln at night.png"));
        assertThat(image.id()).isEqualTo("<img1@example.org>");
        assertThat(image.description()).isEqualTo("A picture");
        assertThat(image.md5()).isEqualTo("Q2hlY2sgSW50ZWdyaXR5IQ==");
        assertThat(image.disposition()).isEqualTo(new BodyPart.Disposition("attachment",
                List.of(new BodyPart.Parameter("filename", "Köln at night.png"), new BodyPart.Parameter("size", "8"))));
        assertThat(image.language()).containsExactly("de", "en-GB");
        assertThat(image.location()).isEqualTo("http://example.org/koeln.png");
        assertThat(ContentTransferEncoding.of(image).orElseThrow().decode(m, image.bodyOffset(), image.endOffset()))
                .hasSize(8);
    }

    @Test
    void encodedWordsAndGroupsGiveARawEnvelopeAndDecodedDisplayText() {
        MessageSummary summary = MessageSummaryParser.parse(ReferenceMessages.encodedWordsAndGroups());
        ImapEnvelope envelope = summary.envelope();
        assertThat(envelope.subject()).isEqualTo("=?UTF-8?B?R3LDvMOfZQ==?= =?UTF-8?Q?_und_K=C3=BCsse?=");
        assertThat(HeaderText.decode(envelope.subject())).isEqualTo("Grüße und Küsse");
        assertThat(envelope.sender()).containsExactly(new EnvelopeAddress("Secretary, The", null, "secretary", "example.org"));
        assertThat(envelope.replyTo()).containsExactly(new EnvelopeAddress("The List", null, "list", "example.org"));
        assertThat(envelope.to()).containsExactly(EnvelopeAddress.groupStart("Friends"),
                new EnvelopeAddress(null, null, "anne", "example.org"),
                new EnvelopeAddress("=?ISO-8859-1?Q?Andr=E9?=", null, "andre", "example.org"), EnvelopeAddress.groupEnd(),
                new EnvelopeAddress(null, null, "bob", "example.test"));
        assertThat(HeaderText.addresses(envelope.to()))
                .isEqualTo("Friends: anne@example.org, André <andre@example.org>;, bob@example.test");
        assertThat(envelope.cc()).containsExactly(EnvelopeAddress.groupStart("undisclosed-recipients"),
                EnvelopeAddress.groupEnd());
        assertThat(envelope.bcc()).containsExactly(new EnvelopeAddress(null, "@relay.example", "hidden", "example.org"));
        assertThat(envelope.inReplyTo()).isEqualTo("<parent@example.org>");
        assertThat(summary.sentDate().toInstant()).isEqualTo(Instant.parse("2024-03-08T07:59:59Z"));
        assertThat(summary.searchText()).startsWith("Grüße und Küsse\nJürgen Müller <juergen@example.org>");
    }

    @Test
    void digestAndRealisticMessages() {
        BodyPart digest = MessageSummaryParser.parse(ReferenceMessages.digest()).body();
        assertThat(digest.parts()).extracting(p -> p.type() + "/" + p.subtype())
                .containsExactly("message/rfc822", "message/rfc822", "text/plain");
        assertThat(digest.part(1).envelope().subject()).isEqualTo("First");
        byte[] realistic = ReferenceMessages.realistic(10 * 1024, 1);
        assertThat(realistic.length).isBetween(9 * 1024, 12 * 1024);
        assertThat(ReferenceMessages.realistic(10 * 1024, 1)).isEqualTo(realistic);
        MessageSummary summary = MessageSummaryParser.parse(realistic);
        assertThat(summary.body().part(1, 1).subtype()).isEqualTo("plain");
        assertThat(summary.body().part(1, 2).subtype()).isEqualTo("html");
        assertThat(summary.body().part(2).disposition().type()).isEqualTo("attachment");
        assertThat(summary.searchText()).contains("Quarterly report – draft").doesNotContain("<p>", "=C3");
    }
}
