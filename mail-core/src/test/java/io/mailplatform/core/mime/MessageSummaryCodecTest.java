package io.mailplatform.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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

    @Test
    void refusesAFutureVersionDistinctly() {
        byte[] encoded = MessageSummaryCodec.encode(MessageSummaryParser.parse(MESSAGE));
        encoded[0] = (byte) (MessageSummaryCodec.VERSION + 1);
        assertThatThrownBy(() -> MessageSummaryCodec.decode(encoded)).isInstanceOf(SummaryFormatException.class)
                .matches(e -> ((SummaryFormatException) e).unsupportedVersion());
    }
}
