package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.fuzz.Fuzz;
import io.mailplatform.testsupport.fuzz.FuzzInput;
import io.mailplatform.testsupport.fuzz.HostileInputs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of the MIME summary parser: mutated rich messages and generated deep or wide structures
 * (multiparts and message/rfc822 nested up to 1,000 levels, thousands of parts). The parser never
 * fails (parseStrictly, so an internal error is not hidden by the fallback), offsets are
 * consistent, the entity count, the nesting depth, the search and header texts and the stored
 * summary stay within their limits. Tries: {@code -Dfuzz.tries} (README "Development").
 */
class MimeSummaryFuzzTest {
    private static final MessageSummaryParser.Limits LIMITS = MessageSummaryParser.Limits.DEFAULT;

    private static final List<String> MESSAGES = List.of(
            "From: \"A\" <a@example.org>, Team: b@x;\r\nTo: =?utf-8?B?w6k=?= <c@example.org>\r\n"
                    + "Subject: =?UTF-8?Q?caf=C3=A9?= and =?iso-8859-1?q?=E9t=E9?=\r\n"
                    + "Date: Tue, 5 Mar 2024 10:00:00 +0100\r\nMessage-ID: <1@x>\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n"
                    + "pre\r\n--o\r\nContent-Type: multipart/alternative; boundary=i\r\n\r\n--i\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                    + "caf=C3=A9\r\n--i\r\nContent-Type: text/html\r\n\r\n<p>x &amp; y</p>\r\n--i--\r\n--o\r\n"
                    + "Content-Type: message/rfc822\r\n\r\nSubject: in\r\nContent-Type: multipart/digest; boundary=d\r\n\r\n"
                    + "--d\r\n\r\nSubject: dd\r\n\r\nx\r\n--d--\r\n--o\r\nContent-Type: application/x; name*0*=utf-8''%C3%A9;"
                    + " name*1=b\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=a.bin\r\n\r\n"
                    + "AAEC\r\n--o--\r\nepi\r\n",
            "Subject: plain\nFrom: b@example.org (Bob)\n\nbare LF body\n",
            "Content-Type: text/plain; charset=iso-8859-1\r\nSubject: \u00e9t\u00e9 8-bit\r\n\r\n\u00e9\r\n",
            "MIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@y\r\nContent-Type: message/global\r\n\r\n"
                    + "Subject: deep\r\n\r\nbody\r\n");

    @Provide
    Arbitrary<FuzzInput> messages() {
        return HostileInputs.of(MESSAGES)
                .tokens("\r\n", "\n", "\r", "\r\n\r\n", "--o", "--i", "--o--", "--d", "\r\n--o\r\n", ":", ";", "\"",
                        "(", ")", "<", ">", ",", "=?", "?=", "=?utf-8?B?", "=?utf-8?Q?", "=?x?", "*0*=", "*=", "''", "%",
                        "=\r\n", "=C3", "\t", " boundary=", "Content-Type: multipart/mixed; boundary=o\r\n",
                        "Content-Type: message/rfc822\r\n", "Content-Transfer-Encoding: base64\r\n",
                        "Subject: ", "From: ", "Date: ")
                .maxLength(64 * 1024)
                .arbitrary();
    }

    /** How a generated structure nests. */
    enum Nesting {
        MULTIPART, MESSAGE, ALTERNATING, WIDE
    }

    @Provide
    Arbitrary<FuzzInput> structures() {
        return Combinators.combine(Arbitraries.of(Nesting.class), Arbitraries.integers().between(1, 1000),
                Arbitraries.of(true, false)).as(MimeSummaryFuzzTest::structure);
    }

    /** A message nested {@code n} levels deep (or with {@code n * 5} parts), closed properly or cut short. */
    static FuzzInput structure(Nesting nesting, int n, boolean closed) {
        StringBuilder head = new StringBuilder("Subject: nested\r\n");
        StringBuilder tail = new StringBuilder();
        if (nesting == Nesting.WIDE) {
            head.append("Content-Type: multipart/mixed; boundary=w\r\n\r\n");
            for (int i = 0; i < n * 5; i++) {
                head.append("--w\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
            }
            tail.append("--w--\r\n");
        } else {
            for (int level = 0; level < n; level++) {
                boolean multipart = nesting == Nesting.MULTIPART || (nesting == Nesting.ALTERNATING && level % 2 == 0);
                if (multipart) {
                    head.append("Content-Type: multipart/mixed; boundary=b").append(level).append("\r\n\r\n--b")
                            .append(level).append("\r\n");
                    tail.insert(0, "\r\n--b" + level + "--\r\n");
                } else {
                    head.append("Content-Type: message/rfc822\r\n\r\nSubject: level ").append(level).append("\r\n");
                }
            }
            head.append("Content-Type: text/plain\r\n\r\nleaf");
        }
        return FuzzInput.of(closed ? head.append(tail).toString() : head.toString());
    }

    @Property
    void aMutatedMessageGetsAConsistentBoundedSummary(@ForAll("messages") FuzzInput message) {
        check(message.bytes());
    }

    @Property
    void deepAndWideStructuresGetConsistentBoundedSummaries(@ForAll("structures") FuzzInput message) {
        check(message.bytes());
    }

    /** Base64 of zeros, the body of a "zip bomb": the summary holds offsets, never the decoded octets. */
    @Property(tries = 10)
    void aLargeBase64AttachmentCostsNoMoreThanItsOffsets(@ForAll("zeros") FuzzInput message) {
        MessageSummary summary = check(message.bytes());
        assertThat(summary.body().parts()).hasSize(2);
    }

    @Provide
    Arbitrary<FuzzInput> zeros() {
        return Arbitraries.integers().between(1, 8).map(mebibytes -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("Subject: zeros\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\n\r\ntext\r\n--z\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] line = ("A".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < mebibytes * (1 << 20) / 57; i++) {
                out.writeBytes(line);
            }
            out.writeBytes("--z--\r\n".getBytes(StandardCharsets.US_ASCII));
            return new FuzzInput(out.toByteArray());
        });
    }

    private static MessageSummary check(byte[] m) {
        MessageSummary summary = Fuzz.bounded(() -> MessageSummaryParser.parseStrictly(m, LIMITS));
        assertThat(summary.body().headerOffset()).isZero();
        assertThat(summary.size()).isEqualTo(m.length);
        SummaryPropertyTest.checkPart(summary.body(), 0, m.length, m);
        assertThat(entities(summary.body())).isLessThanOrEqualTo(2 * LIMITS.maxParts());
        assertThat(depth(summary.body())).isLessThanOrEqualTo(2 * LIMITS.maxDepth() + 2);
        assertThat(summary.searchText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LIMITS.searchTextLimit());
        assertThat(summary.headerText().getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(MessageSummaryParser.HEADER_TEXT_LIMIT);
        MessageSummary stored = summary.withoutSearchText();
        byte[] encoded = MessageSummaryCodec.encode(stored);
        // what the store keeps beside the message is linear in the message
        Fuzz.assertLinear("the stored summary", encoded.length, m.length, 32, 4096);
        assertThat(MessageSummaryCodec.decode(encoded)).isEqualTo(stored);
        return summary;
    }

    private static int entities(BodyPart part) {
        int count = 1;
        for (BodyPart child : part.parts()) {
            count += entities(child);
        }
        return part.message() == null ? count : count + entities(part.message());
    }

    private static int depth(BodyPart part) {
        int deepest = 0;
        for (BodyPart child : part.parts()) {
            deepest = Math.max(deepest, depth(child));
        }
        return 1 + (part.message() == null ? deepest : Math.max(deepest, depth(part.message())));
    }
}
