package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSummaryParserTest {

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] crlf(String text) {
        return bytes(text.replace("\n", "\r\n"));
    }

    static String slice(byte[] m, int from, int to) {
        return new String(m, from, to - from, StandardCharsets.UTF_8);
    }

    static String body(byte[] m, BodyPart part) {
        return slice(m, part.bodyOffset(), part.endOffset());
    }

    static String mime(byte[] m, BodyPart part) {
        return slice(m, part.headerOffset(), part.bodyOffset());
    }

    static MessageSummary parse(byte[] m) {
        return MessageSummaryParser.parseStrictly(m, MessageSummaryParser.Limits.DEFAULT);
    }

    static final List<BodyPart.Parameter> US_ASCII = List.of(new BodyPart.Parameter("charset", "us-ascii"));

    @Test
    void aMessageWithoutMimeHeadersIsUsAsciiPlainText() {
        byte[] m = crlf("From: a@example.org\nSubject: Hi\n\nline one\nline two\n");
        MessageSummary summary = parse(m);
        int bodyOffset = slice(m, 0, m.length).indexOf("line one");
        assertThat(summary.body()).isEqualTo(new BodyPart("text", "plain", US_ASCII, null, null, null, 0, bodyOffset,
                m.length, 2, null, null, List.of(), null, List.of(), null, null));
        assertThat(summary.size()).isEqualTo(m.length);
        assertThat(summary.body().headerSize()).isEqualTo(bodyOffset);
    }

    @Test
    void textWithoutCharsetGetsTheDefaultAndFieldsAreReported() {
        byte[] m = crlf("Content-Type: TEXT/html; format=flowed\nContent-Transfer-Encoding: Quoted-Printable\n"
                + "Content-ID: <c1@x>\nContent-Description: the (text)\nContent-MD5: abc=\n"
                + "Content-Disposition: inline; filename=\"a b.html\"\nContent-Language: en-GB, (comment) de\n"
                + "Content-Location: http://x.example/a\n\n<p>x</p>");
        BodyPart body = parse(m).body();
        assertThat(body.type()).isEqualTo("TEXT");
        assertThat(body.subtype()).isEqualTo("html");
        assertThat(body.parameters()).containsExactly(new BodyPart.Parameter("charset", "us-ascii"),
                new BodyPart.Parameter("format", "flowed"));
        assertThat(body.encoding()).isEqualTo("Quoted-Printable");
        assertThat(body.id()).isEqualTo("<c1@x>");
        assertThat(body.description()).isEqualTo("the (text)");
        assertThat(body.md5()).isEqualTo("abc=");
        assertThat(body.disposition()).isEqualTo(new BodyPart.Disposition("inline",
                List.of(new BodyPart.Parameter("filename", "a b.html"))));
        assertThat(body.language()).containsExactly("en-GB", "de");
        assertThat(body.location()).isEqualTo("http://x.example/a");
        assertThat(body.lines()).isEqualTo(1);
        assertThat(body(m, body)).isEqualTo("<p>x</p>");
    }

    @Test
    void multipartPartsExcludePreambleEpilogueAndTheCrlfBeforeEachDelimiter() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=\"b\"\n\npreamble\n--b\n"
                + "Content-Type: text/plain; charset=utf-8\n\nHello\n--b\n\nsecond\nline\n\n--b--\nepilogue\n");
        BodyPart root = parse(m).body();
        assertThat(root.isMultipart()).isTrue();
        assertThat(root.subtype()).isEqualTo("mixed");
        assertThat(root.parameters()).containsExactly(new BodyPart.Parameter("boundary", "b"));
        assertThat(root.lines()).isZero();
        assertThat(root.parts()).hasSize(2);
        BodyPart first = root.parts().get(0);
        assertThat(mime(m, first)).isEqualTo("Content-Type: text/plain; charset=utf-8\r\n\r\n");
        assertThat(body(m, first)).isEqualTo("Hello");
        assertThat(first.lines()).isEqualTo(1);
        BodyPart second = root.parts().get(1);
        assertThat(mime(m, second)).isEqualTo("\r\n");
        assertThat(second.parameters()).isEqualTo(US_ASCII);
        assertThat(body(m, second)).isEqualTo("second\r\nline\r\n");
        assertThat(second.lines()).isEqualTo(2);
        assertThat(body(m, root)).startsWith("preamble").endsWith("epilogue\r\n");
    }

    /** The structure IMAP's BODYSTRUCTURE test names: message/rfc822 in multipart/mixed in multipart/alternative. */
    @Test
    void nestedMultipartsAndAnEncapsulatedMessage() {
        byte[] m = crlf("""
                From: a@example.org
                Subject: outer
                Content-Type: multipart/alternative; boundary=alt

                --alt
                Content-Type: text/plain

                plain
                --alt
                Content-Type: multipart/mixed; boundary=mix

                --mix
                Content-Type: text/html

                <b>html</b>
                --mix
                Content-Type: message/rfc822

                From: Inner <inner@example.org>
                Subject: inner
                Content-Type: multipart/mixed; boundary=in

                --in

                inner text
                --in
                Content-Type: application/pdf; name=x.pdf
                Content-Transfer-Encoding: base64

                JVBERg==
                --in--
                --mix--
                --alt--
                """);
        MessageSummary summary = parse(m);
        BodyPart root = summary.body();
        assertThat(root.subtype()).isEqualTo("alternative");
        assertThat(root.part(1).subtype()).isEqualTo("plain");
        assertThat(body(m, root.part(1))).isEqualTo("plain");
        BodyPart mixed = root.part(2);
        assertThat(mixed.subtype()).isEqualTo("mixed");
        assertThat(body(m, root.part(2, 1))).isEqualTo("<b>html</b>");
        BodyPart rfc822 = root.part(2, 2);
        assertThat(rfc822.type()).isEqualTo("message");
        assertThat(rfc822.subtype()).isEqualTo("rfc822");
        assertThat(rfc822.isEncapsulatedMessage()).isTrue();
        assertThat(body(m, rfc822)).startsWith("From: Inner").endsWith("--in--");
        assertThat(rfc822.lines()).isEqualTo(13);
        assertThat(rfc822.envelope().subject()).isEqualTo("inner");
        assertThat(rfc822.envelope().from()).containsExactly(new EnvelopeAddress("Inner", null, "inner", "example.org"));
        BodyPart inner = rfc822.message();
        assertThat(inner.headerOffset()).isEqualTo(rfc822.bodyOffset());
        assertThat(inner.endOffset()).isEqualTo(rfc822.endOffset());
        assertThat(mime(m, inner)).startsWith("From: Inner").endsWith("boundary=in\r\n\r\n");
        assertThat(body(m, root.part(2, 2, 1))).isEqualTo("inner text");
        BodyPart pdf = root.part(2, 2, 2);
        assertThat(pdf.type()).isEqualTo("application");
        assertThat(pdf.parameter("NAME")).isEqualTo("x.pdf");
        assertThat(pdf.lines()).isZero();
        assertThat(body(m, pdf)).isEqualTo("JVBERg==");
        assertThat(new String(ContentTransferEncoding.of(pdf).orElseThrow().decode(m, pdf.bodyOffset(), pdf.endOffset()),
                StandardCharsets.US_ASCII)).isEqualTo("%PDF");
        // numbers that name nothing
        assertThat(root.part(3)).isNull();
        assertThat(root.part(1, 1)).isNull();
        assertThat(root.part(2, 2, 3)).isNull();
        assertThat(root.part(0)).isNull();
        assertThat(root.part()).isSameAs(root);
        assertThat(summary.searchText()).contains("outer", "plain", "html", "inner", "inner text", "Inner <inner@example.org>")
                .doesNotContain("JVBERg");
    }

    @Test
    void aSinglePartMessageHasOnlyPartOneAndAMessageBodyCountsIntoTheEncapsulatedMessage() {
        byte[] single = crlf("Subject: x\n\nbody");
        BodyPart root = parse(single).body();
        assertThat(root.part(1)).isSameAs(root);
        assertThat(root.part(2)).isNull();
        byte[] forwarded = crlf("Content-Type: message/rfc822\n\nSubject: in\nContent-Type: multipart/mixed; boundary=x\n\n"
                + "--x\n\none\n--x\n\ntwo\n--x--\n");
        BodyPart outer = parse(forwarded).body();
        assertThat(outer.part(1)).isSameAs(outer);
        assertThat(body(forwarded, outer.part(1, 2))).isEqualTo("two");
    }

    @Test
    void digestPartsDefaultToMessageRfc822() {
        byte[] m = crlf("Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nfirst\n--d\n"
                + "Content-Type: text/plain\n\nnot a message\n--d--\n");
        BodyPart root = parse(m).body();
        BodyPart first = root.part(1);
        assertThat(first.type() + "/" + first.subtype()).isEqualTo("message/rfc822");
        assertThat(first.parameters()).isEmpty();
        assertThat(first.envelope().subject()).isEqualTo("one");
        assertThat(body(m, first.message())).isEqualTo("first");
        assertThat(root.part(2).type()).isEqualTo("text");
    }

    @Test
    void rfc2231ContinuationsAndCharsetsAreJoinedAndDecoded() {
        byte[] m = crlf("Content-Type: application/octet-stream;\n name*0*=utf-8''K%C3%B6ln%20;\n name*1=\"at night.png\";\n"
                + " title*=iso-8859-1'de'%E9t%E9\nContent-Disposition: attachment; filename*=\"UTF-8''%E2%82%AC.txt\";"
                + " filename=fallback.txt\n\nx");
        BodyPart body = parse(m).body();
        assertThat(body.parameters()).containsExactly(new BodyPart.Parameter("name", "Köln at night.png"),
                new BodyPart.Parameter("title", "été"));
        assertThat(body.disposition().parameter("filename")).isEqualTo("€.txt");
    }

    @Test
    void boundaryAndSemicolonsInsideQuotedStringsDoNotCount() {
        byte[] m = crlf("Content-Type: multipart/mixed; x=\"a; boundary=wrong\"; boundary=\"right;one\" (c; boundary=no)\n\n"
                + "--wrong\n\nnot a part\n--right;one\n\nthe part\n--right;one--\n");
        BodyPart root = parse(m).body();
        assertThat(root.parameter("boundary")).isEqualTo("right;one");
        assertThat(root.parameter("x")).isEqualTo("a; boundary=wrong");
        assertThat(root.parts()).hasSize(1);
        assertThat(body(m, root.part(1))).isEqualTo("the part");
    }

    @Test
    void aBoundaryThatPrefixesAnotherOnlyMatchesWholeDelimiterLines() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: multipart/alternative; boundary=b2\n\n"
                + "--b2\n\ninner\n--b2--\n--b \t\n\nouter\n--b--\n");
        BodyPart root = parse(m).body();
        assertThat(root.parts()).hasSize(2);
        assertThat(root.part(1).parts()).hasSize(1);
        assertThat(body(m, root.part(1, 1))).isEqualTo("inner");
        assertThat(body(m, root.part(2))).isEqualTo("outer");
    }

    @Test
    void bareLfLineEndsGiveTheSameStructure() {
        byte[] m = bytes("Subject: lf\nContent-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain\n\none\ntwo\n"
                + "--x--\n");
        BodyPart part = parse(m).body().part(1);
        assertThat(mime(m, part)).isEqualTo("Content-Type: text/plain\n\n");
        assertThat(body(m, part)).isEqualTo("one\ntwo");
        assertThat(part.lines()).isEqualTo(2);
        assertThat(parse(m).envelope().subject()).isEqualTo("lf");
    }

    @Test
    void aTruncatedMultipartEndsItsLastPartAtTheEnd() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=t\n\n--t\n\ncomplete\n--t\nContent-Type: text/plain\n\ncut off he");
        BodyPart root = parse(m).body();
        assertThat(root.parts()).hasSize(2);
        assertThat(body(m, root.part(2))).isEqualTo("cut off he");
        assertThat(root.part(2).endOffset()).isEqualTo(m.length);
    }

    @Test
    void anOuterDelimiterEndsAnUnclosedInnerMultipart() {
        byte[] m = crlf("Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n"
                + "--i\n\nin\n--o\n\nafter\n--o--\n");
        BodyPart root = parse(m).body();
        assertThat(root.parts()).hasSize(2);
        assertThat(body(m, root.part(1, 1))).isEqualTo("in");
        assertThat(body(m, root.part(2))).isEqualTo("after");
    }

    @Test
    void aMultipartThatCannotBeSplitGetsOneTextChildSpanningItsBody() {
        for (String contentType : List.of("multipart/mixed", "multipart/mixed; boundary=\"\"", "multipart/mixed; boundary=zz")) {
            byte[] m = crlf("Content-Type: " + contentType + "\n\n--x\n\ntext\n--x--\n");
            BodyPart root = parse(m).body();
            assertThat(root.parts()).as(contentType).hasSize(1);
            BodyPart only = root.part(1);
            assertThat(only.parameters()).isEqualTo(US_ASCII);
            assertThat(only.headerOffset()).isEqualTo(root.bodyOffset());
            assertThat(only.bodyOffset()).isEqualTo(root.bodyOffset());
            assertThat(only.endOffset()).isEqualTo(m.length);
        }
    }

    @Test
    void invalidContentTypesFallBackToTextPlain() {
        for (String value : List.of("text", "/", ";;;", "\"text/plain\"", "", "text/")) {
            BodyPart body = parse(crlf("Content-Type: " + value + "\n\nx")).body();
            assertThat(body.type() + "/" + body.subtype()).as(value).isEqualTo("text/plain");
            assertThat(body.parameters()).isEqualTo(US_ASCII);
        }
    }

    @Test
    void anEncodedMessageRfc822IsNotEncapsulated() {
        byte[] m = crlf("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\nU3ViamVjdDogaQ0KDQpi\n");
        BodyPart body = parse(m).body();
        assertThat(body.subtype()).isEqualTo("rfc822");
        assertThat(body.envelope()).isNull();
        assertThat(body.message()).isNull();
        assertThat(body.lines()).isEqualTo(1);
    }

    @Test
    void messageGlobalIsEncapsulatedToo() {
        byte[] m = crlf("Content-Type: message/global\n\nSubject: Grüße\n\nbody");
        BodyPart body = parse(m).body();
        assertThat(body.envelope().subject()).isEqualTo("Grüße");
        assertThat(body(m, body.message())).isEqualTo("body");
    }

    @Test
    void theEmptyMessageAndNullAreBestEffortSummaries() {
        for (byte[] m : new byte[][] {new byte[0], null}) {
            MessageSummary summary = MessageSummaryParser.parse(m);
            assertThat(summary.envelope()).isEqualTo(ImapEnvelope.EMPTY);
            assertThat(summary.body().type()).isEqualTo("text");
            assertThat(summary.body().bodySize()).isZero();
            assertThat(summary.body().lines()).isZero();
            assertThat(summary.sentDate()).isNull();
            assertThat(summary.searchText()).isEmpty();
        }
    }

    @Test
    void nestingBeyondTheLimitBecomesOpaqueAndPartsAreCapped() {
        MessageSummaryParser.Limits limits = new MessageSummaryParser.Limits(3, 5, 1000);
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            deep.append("Content-Type: multipart/mixed; boundary=d").append(i).append("\n\n--d").append(i).append('\n');
        }
        deep.append("\ndeepest\n");
        BodyPart root = MessageSummaryParser.parseStrictly(crlf(deep.toString()), limits).body();
        assertThat(root.part(1, 1, 1).type()).isEqualTo("application");
        assertThat(root.part(1, 1, 1).subtype()).isEqualTo("octet-stream");
        assertThat(root.part(1, 1, 1).parts()).isEmpty();

        byte[] flood = crlf("Content-Type: multipart/mixed; boundary=p\n\n" + "--p\n\nx\n".repeat(100) + "--p--\n");
        BodyPart many = MessageSummaryParser.parseStrictly(flood, limits).body();
        assertThat(many.parts()).hasSize(4); // the root counts too
        assertThat(body(flood, many.part(1))).isEqualTo("x");
        // further delimiters are content of the last part, up to the close delimiter
        assertThat(body(flood, many.part(4))).startsWith("x\r\n--p\r\n").endsWith("x");

        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            messages.append("Subject: ").append(i).append("\nContent-Type: message/rfc822\n\n");
        }
        BodyPart message = MessageSummaryParser.parseStrictly(crlf(messages.toString()), limits).body();
        assertThat(message.part(1, 1, 1, 1).envelope()).isNull();
        assertThat(message.part(1, 1, 1).envelope().subject()).isEqualTo("3");
    }

    @Test
    void aMegabyteHeaderLineIsFine() {
        String subject = "x".repeat(1 << 20);
        MessageSummary summary = parse(crlf("Subject: " + subject + "\nFrom: a@b.example\n\nbody"));
        assertThat(summary.envelope().subject()).isEqualTo(subject);
        assertThat(summary.envelope().from()).hasSize(1);
        assertThat(summary.searchText().length()).isLessThanOrEqualTo(MessageSummaryParser.SEARCH_TEXT_LIMIT);
    }

    // ---- envelope ----------------------------------------------------------------------------

    @Test
    void theEnvelopeKeepsRawValuesAndDefaultsSenderAndReplyToToFrom() {
        byte[] m = crlf("Date: Tue, 5 Mar 2024 10:00:00 +0100\nSubject: =?UTF-8?B?R3LDvMOfZQ==?=\n"
                + "From: \"Doe, John\" <john@example.org>\nSender:\nTo: =?UTF-8?Q?B=C3=A9?= <b@example.org>, c@example.org (Cee)\n"
                + "Cc: Team: a@x.example, <b@x.example>;, undisclosed:;\nBcc: <@relay.example,@r2.example:hidden@example.org>\n"
                + "In-Reply-To: <p@x>\nMessage-ID:   <m@x>  \n\nbody");
        ImapEnvelope envelope = parse(m).envelope();
        EnvelopeAddress john = new EnvelopeAddress("Doe, John", null, "john", "example.org");
        assertThat(envelope).isEqualTo(new ImapEnvelope("Tue, 5 Mar 2024 10:00:00 +0100", "=?UTF-8?B?R3LDvMOfZQ==?=",
                List.of(john), List.of(john), List.of(john),
                List.of(new EnvelopeAddress("=?UTF-8?Q?B=C3=A9?=", null, "b", "example.org"),
                        new EnvelopeAddress("Cee", null, "c", "example.org")),
                List.of(EnvelopeAddress.groupStart("Team"), new EnvelopeAddress(null, null, "a", "x.example"),
                        new EnvelopeAddress(null, null, "b", "x.example"), EnvelopeAddress.groupEnd(),
                        EnvelopeAddress.groupStart("undisclosed"), EnvelopeAddress.groupEnd()),
                List.of(new EnvelopeAddress(null, "@relay.example,@r2.example", "hidden", "example.org")),
                "<p@x>", "<m@x>"));
    }

    @Test
    void brokenAddressesAreBestEffortAndNeverGroupMarkers() {
        assertThat(AddressListParser.parse("alice")).containsExactly(
                new EnvelopeAddress(null, null, "alice", EnvelopeAddress.MISSING_DOMAIN));
        assertThat(AddressListParser.parse("@example.org, local@")).containsExactly(
                new EnvelopeAddress(null, null, EnvelopeAddress.MISSING_MAILBOX, "example.org"),
                new EnvelopeAddress(null, null, "local", EnvelopeAddress.MISSING_DOMAIN));
        assertThat(AddressListParser.parse("\"john q\"@example.org")).containsExactly(
                new EnvelopeAddress(null, null, "\"john q\"", "example.org"));
        assertThat(AddressListParser.parse("<>, ,,, Name <a@b.example")).containsExactly(
                new EnvelopeAddress("Name", null, "a", "b.example"));
        for (String junk : List.of(",,, <<>> @@ ;;; :", "\"unterminated <a@b", "(unclosed <c@d", ">>>><<<<", ";", ")))",
                "a:b:c:d;;;", "g: (x) ;; e: ;")) {
            for (EnvelopeAddress address : AddressListParser.parse(junk)) {
                if (address.host() == null) {
                    assertThat(address.isGroupStart() || address.isGroupEnd()).as(junk).isTrue();
                }
            }
        }
    }

    @Test
    void eightBitHeadersAreUtf8WhenValidElseLatin1() {
        byte[] utf8 = crlf("Subject: Grüße\n\n");
        assertThat(parse(utf8).envelope().subject()).isEqualTo("Grüße");
        byte[] latin1 = "Subject: Gr\u00fc\u00dfe\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parse(latin1).envelope().subject()).isEqualTo("Grüße");
    }

    @Test
    void datesInTheUsualAndObsoleteForms() {
        assertThat(SentDateParser.parse("Tue, 5 Mar 2024 10:00:00 +0100").toInstant()).isEqualTo(Instant.parse("2024-03-05T09:00:00Z"));
        assertThat(SentDateParser.parse("5 Mar 24 10:00 EST").toInstant()).isEqualTo(Instant.parse("2024-03-05T15:00:00Z"));
        assertThat(SentDateParser.parse("Thu, 7 Mar 2024 23:59:59 -0800 (PST)").toInstant()).isEqualTo(Instant.parse("2024-03-08T07:59:59Z"));
        assertThat(SentDateParser.parse("Tue Mar  5 10:00:00 2024").toInstant()).isEqualTo(Instant.parse("2024-03-05T10:00:00Z"));
        assertThat(SentDateParser.parse("05 March 1999 10:00:60 GMT").toInstant()).isEqualTo(Instant.parse("1999-03-05T10:00:59Z"));
        assertThat(SentDateParser.parse("1 Jan 099 00:00 +0000").toInstant()).isEqualTo(Instant.parse("1999-01-01T00:00:00Z"));
        for (String bad : List.of("", "yesterday", "31 Feb 2024 10:00 +0000", "5 Mar 2024", "5 Mar 2024 25:00 +0000",
                "5 Foo 2024 10:00", "99999999999 Mar 2024 10:00")) {
            assertThat(SentDateParser.parse(bad)).as(bad).isNull();
        }
    }

    /**
     * RFC 9051 §6.4.4: TEXT matches "the header (including MIME header fields)": every field of the
     * message, of its parts and of encapsulated messages, names included, values unfolded and decoded.
     */
    @Test
    void headerTextHasEveryFieldOfEveryEntityDecoded() {
        byte[] m = crlf("From: a@example.org\nX-Header: qwertyuiop\nX-Folded: first\n second\n"
                + "X-Encoded: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\nContent-Type: multipart/mixed; boundary=b\n\n"
                + "--b\nContent-Type: text/plain\nContent-Description: the zxcvbnm part\n\nbody words\n"
                + "--b\nContent-Type: message/rfc822\n\nSubject: inner\nX-Inner: asdfghjkl\n\ninner body\n--b--\n");
        String headers = parse(m).headerText();
        assertThat(headers).contains("From: a@example.org", "X-Header: qwertyuiop", "X-Folded: first second",
                "X-Encoded: Grüße", "Content-Description: the zxcvbnm part", "Content-Type: message/rfc822",
                "Subject: inner", "X-Inner: asdfghjkl").doesNotContain("body words", "inner body");
        assertThat(MessageSummaryParser.parse(crlf("no header at all")).headerText()).isEmpty();
    }

    @Test
    void headerTextIsCappedInUtf8Octets() {
        String huge = "X-Long: " + "ü".repeat(MessageSummaryParser.HEADER_TEXT_LIMIT) + "\n\nbody\n";
        String headers = parse(crlf(huge)).headerText();
        assertThat(headers.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MessageSummaryParser.HEADER_TEXT_LIMIT);
        assertThat(headers).startsWith("X-Long: üü");
    }

    // ---- search text ---------------------------------------------------------------------------

    @Test
    void searchTextDecodesTransferEncodingsCharsetsAndHtml() {
        byte[] m = crlf("""
                Subject: =?ISO-8859-1?Q?Caf=E9?=
                From: =?UTF-8?Q?J=C3=BCrgen?= <j@example.org>
                To: Team: a@example.org;
                Content-Type: multipart/mixed; boundary=s

                --s
                Content-Type: text/plain; charset=iso-8859-1
                Content-Transfer-Encoding: quoted-printable

                na=EFve soft=
                break
                --s
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: base64

                PHA+SGVsbG8gPGI+d29ybGQ8L2I+ICZhbXA7IGNhZsOpPHNjcmlwdD5oaWRkZW48L3NjcmlwdD48L3A+
                --s
                Content-Type: image/png
                Content-Transfer-Encoding: base64

                aW1hZ2VkYXRh
                --s--
                """);
        String text = parse(m).searchText();
        assertThat(text).contains("Café", "Jürgen <j@example.org>", "Team: a@example.org;", "naïve softbreak",
                "Hello ", "world", "& café");
        assertThat(text).doesNotContain("hidden", "<p>", "imagedata", "aW1hZ2");
    }

    @Test
    void searchTextTakesThePlainAlternativeOnly() {
        byte[] m = crlf("""
                Subject: both
                Content-Type: multipart/alternative; boundary=a

                --a
                Content-Type: text/plain

                plainword
                --a
                Content-Type: text/html

                <p>htmlword</p>
                --a--
                """);
        assertThat(parse(m).searchText()).contains("plainword").doesNotContain("htmlword");
        byte[] htmlOnly = crlf("""
                Subject: html only
                Content-Type: multipart/alternative; boundary=a

                --a
                Content-Type: text/html

                <p>htmlword</p>
                --a--
                """);
        assertThat(parse(htmlOnly).searchText()).contains("htmlword");
    }

    @Test
    void searchTextIsCappedInUtf8OctetsAndHasNoNul() {
        byte[] m = crlf("Subject: a\u0000b\n\n" + "ü".repeat(100_000));
        MessageSummary summary = MessageSummaryParser.parseStrictly(m, new MessageSummaryParser.Limits(32, 1000, 1001));
        assertThat(summary.searchText()).doesNotContain("\u0000");
        assertThat(summary.searchText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1001);
        assertThat(summary.searchText()).startsWith("a b\nüü");
    }
}
