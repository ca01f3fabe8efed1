package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessageSummaryCodecTest {
    static final byte[] MESSAGE = ("From: \"Doe, John\" <john@example.org>\r\nTo: Team: a@x.org;\r\n"
            + "Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\nDate: Tue, 5 Mar 2024 10:00:00 +0100\r\n"
            + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\n\r\nHello\r\n--b1\r\n"
            + "Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nbody\r\n--b1--\r\n")
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripsAParsedMessage() {
        MessageSummary summary = MessageSummaryParser.parse(MESSAGE);
        byte[] encoded = MessageSummaryCodec.encode(summary);
        assertThat(MessageSummaryCodec.version(encoded)).isEqualTo(MessageSummaryCodec.VERSION);
        assertThat(MessageSummaryCodec.decode(encoded)).isEqualTo(summary);
        assertThat(MessageSummaryCodec.decodeEnvelope(encoded)).isEqualTo(summary.envelope());
    }

    /**
     * Summaries written before the sent date's zone and the header text were appended to version 1
     * end after the search text: they still decode, the sent date in UTC, without header text.
     */
    @Test
    void readsSummariesWrittenBeforeTheZoneAndHeaderTextWereAppended() {
        MessageSummary summary = MessageSummaryParser.parse(MESSAGE).withoutSearchText();
        byte[] encoded = MessageSummaryCodec.encode(summary);
        // the appended fields of a stored summary: offset +3600 s (zigzag 7200 = 0xA0 0x38), no header text (0)
        assertThat(Arrays.copyOfRange(encoded, encoded.length - 3, encoded.length)).containsExactly(0xA0, 0x38, 0);
        MessageSummary older = MessageSummaryCodec.decode(Arrays.copyOf(encoded, encoded.length - 3));
        assertThat(older.sentDate()).isEqualTo(summary.sentDate().toInstant().atOffset(ZoneOffset.UTC));
        assertThat(older.headerText()).isNull();
        assertThat(older.body()).isEqualTo(summary.body());
    }

    @Test
    void refusesAFutureVersionDistinctly() {
        byte[] encoded = MessageSummaryCodec.encode(MessageSummaryParser.parse(MESSAGE));
        encoded[0] = (byte) (MessageSummaryCodec.VERSION + 1);
        assertThatThrownBy(() -> MessageSummaryCodec.decode(encoded)).isInstanceOf(SummaryFormatException.class)
                .matches(e -> ((SummaryFormatException) e).unsupportedVersion());
    }
}
