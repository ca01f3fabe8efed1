package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.mailbox.MessageMeta;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** DSNs asked for with RFC 3461 NOTIFY: success ("delivered") and delay, each once per envelope. */
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

    @Test
    void successIsReportedOnceWhenAskedFor() {
        int before = reports().size();
        Envelope envelope = fullEnvelope("sender@notify.test", "192.0.2.1", "client.example.org", null,
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
        deliver(fullEnvelope("sender@notify.test", "192.0.2.1", "client.example.org", null,
                new EnvelopeRecipient("tiny@notify.test", Set.of(DsnNotify.DELAY, DsnNotify.FAILURE), null)));
        List<String> reports = reports();
        assertThat(reports).hasSize(before + 1);
        assertThat(reports.get(reports.size() - 1)).contains("Subject: Delayed Mail", "Action: delayed", "Status: 4.2.2",
                "Final-Recipient: rfc822; tiny@notify.test");
        assertThat(messages(tiny, "INBOX")).isEmpty();
    }
}
