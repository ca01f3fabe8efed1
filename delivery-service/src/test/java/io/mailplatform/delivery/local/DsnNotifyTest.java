package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeId;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.mailbox.MessageMeta;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DSNs asked for with RFC 3461 NOTIFY: success ("delivered") and delay, each once per envelope, for
 * authenticated submissions only; an unverified sender asking for them gets nothing.
 */
class DsnNotifyTest extends DeliveryTestSupport {
    @Autowired
    LocalDelivery delivery;
    @Autowired
    DirectoryAdmin admin;

    Account sender;
    Account rcpt;
    Account tiny;

    @BeforeAll
    void provision() throws Exception {
        domain("notify.test");
        sender = account("sender@notify.test");
        rcpt = account("rcpt@notify.test");
        tiny = account("tiny@notify.test");
        admin.setQuota(tiny.address(), 10L);
    }

    private List<String> reports() {
        return messages(sender, "INBOX").stream().map(m -> text(sender, "INBOX", m.uid()))
                .filter(t -> t.contains("report-type=delivery-status")).toList();
    }

    private void deliver(Envelope envelope) {
        delivery.deliver(List.of(new InboundMail(envelope, bytes("Subject: notify\r\n\r\nbody\r\n"))));
    }

    /** As the gateway records a submission by the sender itself. */
    private static Envelope submitted(EnvelopeRecipient... recipients) {
        return fullEnvelope("sender@notify.test", "192.0.2.1", "client.example.org", "sender@notify.test", recipients);
    }

    @Test
    void successIsReportedOnceWhenAskedFor() {
        int before = reports().size();
        Envelope envelope = submitted(
                new EnvelopeRecipient("rcpt@notify.test", Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE),
                        "rfc822;rcpt@notify.test"),
                new EnvelopeRecipient("ghost@notify.test", Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), null));
        deliver(envelope);
        deliver(envelope); // redelivered: nothing reported twice
        List<String> reports = reports();
        assertThat(reports).hasSize(before + 2);
        List<String> fresh = reports.subList(before, reports.size());
        assertThat(fresh).anySatisfy(t -> assertThat(t).contains("Subject: Successful Mail Delivery Report",
                "Original-Recipient: rfc822; rcpt@notify.test", "Final-Recipient: rfc822; rcpt@notify.test",
                "Action: delivered", "Status: 2.0.0"));
        assertThat(fresh).anySatisfy(t -> assertThat(t).contains("Final-Recipient: rfc822; ghost@notify.test",
                "Action: failed", "Status: 5.1.1"));
    }

    @Test
    void noSuccessReportWithoutNotifySuccess() {
        int before = reports().size();
        List<MessageMeta> inbox = messages(rcpt, "INBOX");
        deliver(envelope("sender@notify.test", "rcpt@notify.test"));
        assertThat(messages(rcpt, "INBOX")).hasSize(inbox.size() + 1);
        assertThat(reports()).hasSize(before);
    }

    @Test
    void aDeferredDeliveryIsReportedAsDelayedWhenAskedFor() {
        int before = reports().size();
        deliver(submitted(new EnvelopeRecipient("tiny@notify.test", Set.of(DsnNotify.DELAY, DsnNotify.FAILURE), null)));
        List<String> reports = reports();
        assertThat(reports).hasSize(before + 1);
        assertThat(reports.get(reports.size() - 1)).contains("Subject: Delayed Mail", "Action: delayed", "Status: 4.2.2",
                "Final-Recipient: rfc822; tiny@notify.test");
        assertThat(messages(tiny, "INBOX")).isEmpty();
    }

    /**
     * The exploit: an unauthenticated client names a victim in MAIL FROM and asks for a "delivered"
     * report with RET=FULL, to have the platform mail its content to the victim. Nothing is sent.
     */
    @Test
    void anUnverifiedSenderGetsNoSuccessOrDelayReport() {
        int before = reports().size();
        long queued = jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single();
        for (String forged : new String[] {"sender@notify.test", "victim@remote.example"}) {
            Envelope envelope = new Envelope(EnvelopeId.next(), forged, List.of(
                    new EnvelopeRecipient("rcpt@notify.test", Set.of(DsnNotify.SUCCESS), null),
                    new EnvelopeRecipient("tiny@notify.test", Set.of(DsnNotify.DELAY), null)),
                    "192.0.2.1", "client.example.org", null, null, Instant.now(), BodyType.EIGHT_BIT_MIME, false,
                    DsnReturn.FULL, "attack");
            deliver(envelope);
        }
        assertThat(reports()).hasSize(before);
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single()).isEqualTo(queued);
    }
}
