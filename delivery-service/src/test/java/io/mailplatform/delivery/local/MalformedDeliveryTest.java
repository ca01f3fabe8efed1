package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed messages (a corpus generated here) travel the real path and are stored byte for byte. */
class MalformedDeliveryTest extends DeliveryTestSupport {
    Account mal;

    @BeforeAll
    void provision() throws Exception {
        domain("malformed.test");
        mal = account("mal@malformed.test");
    }

    @Test
    void everyMalformedMessageIsDeliveredByteExact() throws Exception {
        Map<String, byte[]> corpus = MalformedCorpus.generate();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        List<Envelope> envelopes = new ArrayList<>();
        for (byte[] message : corpus.values()) {
            // authenticated, so that no SPF field is added and the shared content is the message itself
            Envelope envelope = fullEnvelope("mal@malformed.test", "192.0.2.1", "client.example.org", "mal@malformed.test",
                    EnvelopeRecipient.of("mal@malformed.test"));
            envelopes.add(envelope);
            publish(envelope, message);
        }
        Mailbox inbox = mailboxes.require(mal.id(), "INBOX");
        int i = 0;
        for (Map.Entry<String, byte[]> entry : corpus.entrySet()) {
            Envelope envelope = envelopes.get(i++);
            awaitProcessed(envelope.id(), 1);
            long copies = jdbc.sql("""
                    SELECT count(*) FROM messages m JOIN message_contents c ON c.id = m.content_id
                    WHERE m.mailbox_id = ? AND c.raw = ?""").params(inbox.id(), entry.getValue()).query(Long.class).single();
            assertThat(copies).as(entry.getKey()).isEqualTo(1);
        }
        assertThat(mailboxes.messages(inbox)).hasSize(corpus.size());
        for (var meta : mailboxes.messages(inbox)) {
            byte[] whole = mailboxes.content(inbox, meta.uid()).orElseThrow();
            assertThat(whole.length).isEqualTo(meta.size());
            assertThat(new String(whole, 0, meta.prefixLength(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("Return-Path: <mal@malformed.test>\r\nDelivered-To: mal@malformed.test\r\n");
        }
    }
}
