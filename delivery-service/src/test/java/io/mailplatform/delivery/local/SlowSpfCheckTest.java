package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.MessageMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * One sender whose DNS does not answer holds up neither the rest of its batch nor the partition: the
 * messages after it are stored while its SPF check still runs; it follows once the check ends
 * (temperror); nothing is stored twice although the records after it come again.
 */
class SlowSpfCheckTest extends DeliveryTestSupport {

    private long stored(List<String> envelopeIds) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE envelope_id = ANY(?)")
                .param(envelopeIds.toArray(String[]::new)).query(Long.class).single();
    }

    @Test
    void theOthersOfTheBatchAreStoredWhileOneCheckWaitsForDns() throws Exception {
        domain("slow.test");
        Account lena = account("lena@slow.test");
        // the stub never answers for *.stalled.example: this check lasts the whole DNS budget (5 s)
        String sender = "someone@" + UUID.randomUUID() + ".stalled.example";
        Envelope stalled = fullEnvelope(sender, "192.0.2.44", "client.example.org", null, EnvelopeRecipient.of(lena.address()));
        publish(stalled, bytes("Subject: stalled\r\n\r\nbody\r\n"), 0);
        List<String> others = new ArrayList<>();
        RecordMetadata last = null;
        for (int i = 0; i < 5; i++) {
            Envelope envelope = fullEnvelope("someone@pass.example", "192.0.2.44", "client.example.org", null,
                    EnvelopeRecipient.of(lena.address()));
            last = publish(envelope, bytes("Subject: prompt " + i + "\r\n\r\nbody\r\n"), 0);
            others.add(envelope.id());
        }

        // liveness, not speed: the five were stored before the slow check could possibly have ended
        await("the messages after the slow one", () -> stored(others) == 5);
        assertThat(stored(List.of(stalled.id()))).as("the message whose check still runs").isZero();

        awaitCommitted(last);
        List<MessageMeta> inbox = messages(lena, "INBOX");
        assertThat(inbox).hasSize(6); // each once, however often the records came again
        String text = text(lena, "INBOX", inbox.get(5).uid());
        assertThat(text).contains("Subject: stalled", "Received-SPF: temperror (");
    }
}
