package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.testsupport.mime.MalformedMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated corpus of malformed messages (test-support {@link MalformedMessages}) travels the
 * real path, Kafka to PostgreSQL: every one is stored byte for byte, with a best-effort summary.
 */
class MalformedDeliveryTest extends DeliveryTestSupport {
    Account mal;

    @BeforeAll
    void provision() throws Exception {
        domain("malformed.test");
        mal = account("mal@malformed.test");
    }

    @Test
    void everyMalformedMessageIsDeliveredByteExactWithASummary() throws Exception {
        List<MalformedMessages.Case> corpus = MalformedMessages.all();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
        List<Envelope> envelopes = new ArrayList<>();
        for (MalformedMessages.Case malformed : corpus) {
            // authenticated, so that no SPF field is added and the shared content is the message itself
            Envelope envelope = fullEnvelope("mal@malformed.test", "192.0.2.1", "client.example.org", "mal@malformed.test",
                    EnvelopeRecipient.of("mal@malformed.test"));
            envelopes.add(envelope);
            publish(envelope, malformed.content());
        }
        Mailbox inbox = mailboxes.require(mal.id(), "INBOX");
        for (int i = 0; i < corpus.size(); i++) {
            MalformedMessages.Case malformed = corpus.get(i);
            awaitProcessed(envelopes.get(i).id(), 1);
            List<Boolean> summarized = jdbc.sql("""
                    SELECT c.summary IS NOT NULL FROM messages m JOIN message_contents c ON c.id = m.content_id
                    WHERE m.mailbox_id = ? AND c.raw = ?""").params(inbox.id(), malformed.content()).query(Boolean.class)
                    .list();
            assertThat(summarized).as(malformed.name()).containsExactly(true);
        }
        List<MessageMeta> stored = mailboxes.messages(inbox);
        assertThat(stored).hasSize(corpus.size());
        for (MessageMeta meta : stored) {
            byte[] whole = mailboxes.content(inbox, meta.uid()).orElseThrow();
            assertThat(whole.length).isEqualTo(meta.size());
            assertThat(new String(whole, 0, meta.prefixLength(), StandardCharsets.UTF_8))
                    .isEqualTo("Return-Path: <mal@malformed.test>\r\nDelivered-To: mal@malformed.test\r\n");
        }
    }
}
