package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded random properties of the codec and the parser; a failure prints the seed that replays it. */
class SummaryPropertyTest {

    @Test
    void codecRoundTripsRandomSummaries() {
        SummaryProperties.forSeeds(500, seed -> {
            MessageSummary summary = SummaryProperties.summary(new SplittableRandom(seed));
            byte[] encoded = MessageSummaryCodec.encode(summary);
            assertThat(MessageSummaryCodec.decode(encoded)).isEqualTo(summary);
            assertThat(MessageSummaryCodec.decodeEnvelope(encoded)).isEqualTo(summary.envelope());
        });
    }

    @Test
    void corruptSummariesFailOnlyWithSummaryFormatException() {
        SummaryProperties.forSeeds(500, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] encoded = MessageSummaryCodec.encode(SummaryProperties.summary(random));
            byte[] corrupt = random.nextBoolean() ? Arrays.copyOf(encoded, random.nextInt(encoded.length))
                    : flip(encoded, random);
            try {
                MessageSummaryCodec.decode(corrupt);
                MessageSummaryCodec.decodeEnvelope(corrupt);
            } catch (SummaryFormatException expected) {
                // the only way a corrupt summary may fail
            }
        });
    }

    /** Mutations of a rich message: never an exception, structural invariants hold, the summary round-trips. */
    @Test
    void mutatedMessagesParseIntoConsistentSummaries() {
        byte[] seedMessage = ("From: \"A\" <a@example.org>, Team: b@x;\r\nSubject: =?UTF-8?Q?x?=\r\n"
                + "Date: Tue, 5 Mar 2024 10:00:00 +0100\r\nContent-Type: multipart/mixed; boundary=\"o\"\r\n\r\n"
                + "pre\r\n--o\r\nContent-Type: multipart/alternative; boundary=i\r\n\r\n--i\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "caf=C3=A9\r\n--i\r\nContent-Type: text/html\r\n\r\n<p>x</p>\r\n--i--\r\n--o\r\n"
                + "Content-Type: message/rfc822\r\n\r\nSubject: in\r\nContent-Type: multipart/digest; boundary=d\r\n\r\n"
                + "--d\r\n\r\nSubject: dd\r\n\r\nx\r\n--d--\r\n--o\r\nContent-Type: application/x; name*0*=utf-8''%C3%A9;"
                + " name*1=b\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--o--\r\nepi\r\n")
                .getBytes(StandardCharsets.UTF_8);
        String[] inserts = {"\r\n", "\n", "\r", "--o", "--i", "--o--", "--d", "\r\n\r\n", ":", ";", "\"", "(", "=?", "=",
            "\u0000", "\u00ff", "Content-Type: multipart/mixed; boundary=o\r\n", "Content-Type: message/rfc822\r\n"};
        SummaryProperties.forSeeds(300, seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] m = seedMessage;
            int mutations = 1 + random.nextInt(8);
            for (int i = 0; i < mutations; i++) {
                m = mutate(m, random, inserts);
            }
            MessageSummary summary = MessageSummaryParser.parseStrictly(m, MessageSummaryParser.Limits.DEFAULT);
            checkPart(summary.body(), 0, m.length, m);
            MessageSummary stored = summary.withoutSearchText();
            assertThat(MessageSummaryCodec.decode(MessageSummaryCodec.encode(stored))).isEqualTo(stored);
        });
    }

    /** Offsets nest inside the parent's body, children in order; multiparts have children; lines as counted. */
    static void checkPart(BodyPart part, int from, int to, byte[] m) {
        if (!(from <= part.headerOffset() && part.headerOffset() <= part.bodyOffset()
                && part.bodyOffset() <= part.endOffset() && part.endOffset() <= to)) {
            fail("offsets out of order or outside [" + from + ", " + to + "): " + part);
        }
        if (part.isMultipart()) {
            assertThat(part.parts()).isNotEmpty();
            int previousEnd = part.bodyOffset();
            for (BodyPart child : part.parts()) {
                checkPart(child, previousEnd, part.endOffset(), m);
                previousEnd = child.endOffset();
            }
        } else {
            assertThat(part.parts()).isEmpty();
        }
        assertThat(part.envelope() == null).isEqualTo(part.message() == null);
        if (part.message() != null) {
            assertThat(part.message().headerOffset()).isEqualTo(part.bodyOffset());
            assertThat(part.message().endOffset()).isEqualTo(part.endOffset());
            checkPart(part.message(), part.bodyOffset(), part.endOffset(), m);
        }
        if (part.type().equalsIgnoreCase("text") || part.message() != null) {
            assertThat(part.lines()).isEqualTo(MessageSummaryParser.lines(m, part.bodyOffset(), part.endOffset()));
        }
    }

    private static byte[] mutate(byte[] m, SplittableRandom random, String[] inserts) {
        int at = m.length == 0 ? 0 : random.nextInt(m.length);
        switch (random.nextInt(4)) {
            case 0: { // delete a range
                int end = Math.min(m.length, at + random.nextInt(40));
                return concat(Arrays.copyOfRange(m, 0, at), Arrays.copyOfRange(m, end, m.length));
            }
            case 1: { // insert a MIME fragment
                byte[] insert = inserts[random.nextInt(inserts.length)].getBytes(StandardCharsets.UTF_8);
                return concat(Arrays.copyOfRange(m, 0, at), insert, Arrays.copyOfRange(m, at, m.length));
            }
            case 2: // truncate
                return Arrays.copyOf(m, at);
            default:
                return flip(m, random);
        }
    }

    private static byte[] flip(byte[] bytes, SplittableRandom random) {
        byte[] copy = bytes.clone();
        if (copy.length > 0) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] concat(byte[]... pieces) {
        int length = 0;
        for (byte[] piece : pieces) {
            length += piece.length;
        }
        byte[] out = new byte[length];
        int pos = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, out, pos, piece.length);
            pos += piece.length;
        }
        return out;
    }
}
