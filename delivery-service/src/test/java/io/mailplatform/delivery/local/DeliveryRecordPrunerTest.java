package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Idempotency records older than the retention are pruned; younger ones still stop a second copy. */
class DeliveryRecordPrunerTest extends DeliveryTestSupport {
    @Autowired
    LocalDelivery delivery;
    @Autowired
    DeliveryRecordPruner pruner;

    Account reader;

    @BeforeAll
    void provision() throws Exception {
        domain("prune.test");
        reader = account("reader@prune.test");
    }

    private long records(Envelope envelope) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE envelope_id = ?").param(envelope.id()).query(Long.class).single();
    }

    @Test
    void recordsOlderThanTheRetentionArePrunedAndYoungerOnesStillDeduplicate() {
        Envelope old = envelope("sender@elsewhere.test", "reader@prune.test");
        Envelope recent = envelope("sender@elsewhere.test", "reader@prune.test");
        InboundMail recentMail = new InboundMail(recent, bytes("Subject: recent\r\n\r\nrecent\r\n"));
        delivery.deliver(List.of(new InboundMail(old, bytes("Subject: old\r\n\r\nold\r\n")), recentMail));
        // the retention is 14 days by default: age one record past it
        jdbc.sql("UPDATE deliveries SET delivered_at = now() - interval '15 days' WHERE envelope_id = ?")
                .param(old.id()).update();

        assertThat(pruner.runOnce()).isGreaterThanOrEqualTo(1);

        assertThat(records(old)).isZero();
        assertThat(records(recent)).isEqualTo(1);
        int stored = messages(reader, "INBOX").size();
        delivery.deliver(List.of(recentMail));
        assertThat(messages(reader, "INBOX")).hasSize(stored);
    }
}
