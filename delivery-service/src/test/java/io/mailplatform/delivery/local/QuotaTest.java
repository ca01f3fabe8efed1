package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.mailbox.MessageMeta;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Over quota is a temporary failure: deferred, retried with back-off, delivered once there is room, else a DSN. */
class QuotaTest extends DeliveryTestSupport {
    @Autowired
    LocalDelivery delivery;
    @Autowired
    DeferredDeliveryWorker worker;
    @Autowired
    DirectoryAdmin admin;

    Account full;
    Account sender;

    @BeforeAll
    void provision() throws Exception {
        domain("quota.test");
        full = account("full@quota.test");
        sender = account("sender@quota.test");
        admin.setQuota(full.address(), 1_000L);
    }

    private Envelope send(int size) {
        Envelope envelope = envelope("sender@quota.test", "full@quota.test");
        delivery.deliver(List.of(new InboundMail(envelope, bytes("Subject: big\r\n\r\n" + "q".repeat(size) + "\r\n"))));
        return envelope;
    }

    private void makeDue() {
        jdbc.sql("UPDATE deferred_deliveries SET next_attempt = now() - interval '1 second'").update();
    }

    @Test
    void overQuotaIsRetriedWithBackOffAndDeliveredOnceThereIsRoom() throws Exception {
        Envelope envelope = send(2_000);
        assertThat(messages(full, "INBOX")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM deferred_deliveries WHERE envelope_id = ?").param(envelope.id())
                .query(Long.class).single()).isEqualTo(1);

        makeDue();
        assertThat(worker.runOnce()).isEqualTo(new DeferredDeliveryWorker.Pass(0, 1, 0));
        assertThat(jdbc.sql("SELECT attempts FROM deferred_deliveries WHERE envelope_id = ?").param(envelope.id())
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT next_attempt > now() + interval '90 seconds' FROM deferred_deliveries"
                + " WHERE envelope_id = ?").param(envelope.id()).query(Boolean.class).single()).isTrue();

        admin.setQuota(full.address(), 100_000L);
        makeDue();
        assertThat(worker.runOnce()).isEqualTo(new DeferredDeliveryWorker.Pass(1, 0, 0));
        List<MessageMeta> inbox = messages(full, "INBOX");
        assertThat(inbox).hasSize(1);
        assertThat(text(full, "INBOX", inbox.get(0).uid()))
                .startsWith("Return-Path: <sender@quota.test>\r\nDelivered-To: full@quota.test\r\nReceived-SPF: none")
                .contains("\r\nSubject: big\r\n\r\n" + "q".repeat(2_000));
        // a redelivery of the record does not bring a second copy
        delivery.deliver(List.of(new InboundMail(envelope, bytes("Subject: big\r\n\r\n" + "q".repeat(2_000) + "\r\n"))));
        assertThat(messages(full, "INBOX")).hasSize(1);
        admin.setQuota(full.address(), 1_000L);
    }

    @Test
    void theMessageQuotaDefersLikeTheStorageQuota() throws Exception {
        Account counted = account("counted@quota.test");
        admin.setMessageQuota(counted.address(), 1L);
        Envelope first = envelope("sender@quota.test", "counted@quota.test");
        Envelope second = envelope("sender@quota.test", "counted@quota.test");
        delivery.deliver(List.of(new InboundMail(first, bytes("Subject: first\r\n\r\nx\r\n"))));
        delivery.deliver(List.of(new InboundMail(second, bytes("Subject: second\r\n\r\nx\r\n"))));
        assertThat(messages(counted, "INBOX")).hasSize(1);
        assertThat(jdbc.sql("SELECT last_error FROM deferred_deliveries WHERE envelope_id = ?").param(second.id())
                .query(String.class).single()).isEqualTo("452 4.2.2 mailbox over quota");

        admin.setMessageQuota(counted.address(), 2L);
        makeDue();
        assertThat(worker.runOnce()).isEqualTo(new DeferredDeliveryWorker.Pass(1, 0, 0));
        assertThat(messages(counted, "INBOX")).hasSize(2);
        admin.setMessageQuota(counted.address(), null);
    }

    @Test
    void afterTheRetryPeriodTheSenderGetsADsn() throws Exception {
        int before = messages(sender, "INBOX").size();
        Envelope envelope = send(3_000);
        jdbc.sql("UPDATE deferred_deliveries SET created_at = now() - interval '4 days' WHERE envelope_id = ?")
                .param(envelope.id()).update();
        makeDue();
        assertThat(worker.runOnce().bounced()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM deferred_deliveries WHERE envelope_id = ?").param(envelope.id())
                .query(Long.class).single()).isZero();
        List<MessageMeta> inbox = messages(sender, "INBOX");
        assertThat(inbox).hasSize(before + 1);
        assertThat(text(sender, "INBOX", inbox.get(inbox.size() - 1).uid())).contains("Status: 5.2.2",
                "Final-Recipient: rfc822; full@quota.test", "Action: failed");
        assertThat(messages(full, "INBOX")).noneMatch(m -> text(full, "INBOX", m.uid()).contains("q".repeat(3_000)));
    }
}
