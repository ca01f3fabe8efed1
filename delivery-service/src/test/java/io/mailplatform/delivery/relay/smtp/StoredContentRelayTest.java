package io.mailplatform.delivery.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.RelayClientProperties;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.mailplatform.testsupport.smtp.ReceivedTransaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The client as the delivery service wires it, sending a message stored in PostgreSQL: read in
 * small chunks, the per-copy prefix first, the octets arriving unchanged.
 */
class StoredContentRelayTest extends DeliveryTestSupport {
    @Autowired
    SmtpClient client;
    @Autowired
    MessageContents contents;
    @Autowired
    RelayClientProperties properties;

    @Test
    void aStoredMessageIsSentChunkByChunkFromTheDatabase() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            body.append(i % 5 == 0 ? "." : "").append("line ").append(i).append(" of a stored message\r\n");
        }
        byte[] raw = ("Subject: stored\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        long id = jdbc.sql("INSERT INTO message_contents (size, body_offset, raw) VALUES (?, 0, ?) RETURNING id")
                .params(raw.length, raw).query(Long.class).single();
        byte[] prefix = "Received: from relay test\r\n".getBytes(StandardCharsets.US_ASCII);
        StoredMessageContent content = StoredMessageContent.of(contents, id, prefix, 1024);
        assertThat(content.size()).isEqualTo(prefix.length + raw.length);
        assertThat(properties.limits().chunkSize().toKilobytes()).isEqualTo(256);

        try (FakeSmtpServer server = FakeSmtpServer.builder().extensions("PIPELINING", "8BITMIME").start()) {
            SmtpConnection connection = RelayClients.connected(client, server);
            TransactionResult result = RelayClients.send(connection, new OutboundTransaction("alice@example.test",
                    List.of(EnvelopeRecipient.of("bob@example.org")), BodyType.SEVEN_BIT, false, null, null, content));

            assertThat(result.delivered()).hasSize(1);
            ReceivedTransaction received = server.accepted().get(0);
            byte[] expected = new byte[prefix.length + raw.length];
            System.arraycopy(prefix, 0, expected, 0, prefix.length);
            System.arraycopy(raw, 0, expected, prefix.length, raw.length);
            assertThat(received.content()).isEqualTo(expected);
            assertThat(received.heloName()).isEqualTo("mx.example.test"); // mail.delivery.hostname
            RelayClients.await(connection.close());
        }
    }

    @Test
    void aContentThatIsNotStoredCannotBeSent() {
        assertThatThrownBy(() -> StoredMessageContent.of(contents, Long.MAX_VALUE, new byte[0], 1024))
                .isInstanceOf(IOException.class).hasMessageContaining("not stored");
    }
}
