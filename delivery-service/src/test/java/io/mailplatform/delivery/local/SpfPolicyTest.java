package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryAdmin;
import io.mailplatform.store.mailbox.MessageMeta;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SPF results through the real consumer, store and a real DNS server: headers on every result, fail
 * to Junk or discarded by the domain's policy, softfail marked, temperror delivered; never a bounce.
 */
class SpfPolicyTest extends DeliveryTestSupport {
    @Autowired
    DirectoryAdmin admin;
    @Autowired
    DeferredDeliveryWorker worker;

    Account rita;
    Account dora;

    @BeforeAll
    void provision() throws Exception {
        domain("spf.test");
        domain("strict.test");
        rita = account("rita@spf.test");
        dora = account("dora@strict.test");
        admin.setSpfFailPolicy("strict.test", "discard");
        account("tiny@spf.test");
        admin.setQuota("tiny@spf.test", 10L);
    }

    private String deliverFrom(String sender, String client, Account to) throws Exception {
        return deliverFrom(sender, client, to, "Received: from client.example.org by gw\r\nAuthentication-Results: mx.example.test;"
                + " spf=pass smtp.mailfrom=forged\r\nSubject: spf\r\n\r\nbody\r\n");
    }

    private String deliverFrom(String sender, String client, Account to, String message) throws Exception {
        Envelope envelope = fullEnvelope(sender, client, "client.example.org", null, EnvelopeRecipient.of(to.address()));
        // a discarded message leaves no trace in the store: wait for the offset commit past it
        awaitCommitted(publish(envelope, bytes(message), 0));
        return envelope.id();
    }

    private String last(Account account, String mailbox) {
        List<MessageMeta> all = messages(account, mailbox);
        return text(account, mailbox, all.get(all.size() - 1).uid());
    }

    @Test
    void passIsDeliveredWithReceivedSpfAndAuthenticationResults() throws Exception {
        int inbox = messages(rita, "INBOX").size();
        deliverFrom("someone@pass.example", "192.0.2.44", rita);
        assertThat(messages(rita, "INBOX")).hasSize(inbox + 1);
        String text = last(rita, "INBOX");
        assertThat(text).startsWith("Return-Path: <someone@pass.example>\r\nDelivered-To: rita@spf.test\r\nReceived-SPF: pass (")
                .contains("client-ip=192.0.2.44; envelope-from=someone@pass.example; helo=client.example.org;",
                        "identity=mailfrom;", "Authentication-Results: mx.example.test;\r\n\tspf=pass smtp.mailfrom=someone@pass.example",
                        "spf=fail smtp.helo=client.example.org",
                        // the client's own claim to be us is renamed (RFC 8601 §5)
                        "X-Forged-Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=forged");
        assertThat(messages(rita, "INBOX").get(inbox).flags().keywords()).isEmpty();
    }

    @Test
    void forgedResultsWithBlanksBeforeTheColonAreRenamedToo() throws Exception {
        // RFC 5322 §4.5 obsolete syntax: "Authentication-Results :" is the same field, which every
        // reader (IMAP ENVELOPE, HEADER.FIELDS, mail clients) takes as ours unless it is renamed
        int inbox = messages(rita, "INBOX").size();
        deliverFrom("someone@pass.example", "192.0.2.44", rita, "Received: from client.example.org by gw\r\n"
                + "Authentication-Results : mx.example.test; spf=pass smtp.mailfrom=forged\r\n"
                + "authentication-results\t:MX.Example.Test;\r\n dkim=pass header.d=forged\r\n"
                + "Authentication-Results : other.example; spf=none\r\nSubject: spaced\r\n\r\nbody\r\n");
        assertThat(messages(rita, "INBOX")).hasSize(inbox + 1);
        String text = last(rita, "INBOX");
        assertThat(text).contains("\r\nX-Forged-Authentication-Results : mx.example.test; spf=pass smtp.mailfrom=forged\r\n",
                "\r\nX-Forged-Authentication-Results\t:MX.Example.Test;\r\n dkim=pass header.d=forged\r\n",
                // another server's results are left alone
                "\r\nAuthentication-Results : other.example; spf=none\r\n");
        assertThat(text).doesNotContainIgnoringCase("\nAuthentication-Results : mx.")
                .doesNotContainIgnoringCase("\nAuthentication-Results\t:");
    }

    @Test
    void failGoesToJunkByDefault() throws Exception {
        int junk = messages(rita, "Junk").size();
        int inbox = messages(rita, "INBOX").size();
        deliverFrom("someone@fail.example", "192.0.2.44", rita);
        assertThat(messages(rita, "Junk")).hasSize(junk + 1);
        assertThat(messages(rita, "INBOX")).hasSize(inbox);
        assertThat(last(rita, "Junk")).contains("Received-SPF: fail (",
                "192.0.2.44 is not one of fail.example's designated mail servers");
    }

    @Test
    void failIsDiscardedWhereTheDomainSaysSoAndNeverBounced() throws Exception {
        long queued = jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single();
        String id = deliverFrom("someone@fail.example", "192.0.2.44", dora);
        assertThat(messages(dora, "INBOX")).isEmpty();
        assertThat(messages(dora, "Junk")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single()).isEqualTo(queued);
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE envelope_id LIKE ?").param(id + "%")
                .query(Long.class).single()).isZero();
    }

    @Test
    void softfailIsMarkedWithAKeyword() throws Exception {
        int inbox = messages(rita, "INBOX").size();
        deliverFrom("someone@soft.example", "192.0.2.44", rita);
        MessageMeta meta = messages(rita, "INBOX").get(inbox);
        assertThat(meta.flags().keywords()).containsExactly(LocalDelivery.SOFTFAIL_KEYWORD);
        assertThat(last(rita, "INBOX")).contains("Received-SPF: softfail (");
    }

    @Test
    void temperrorAndPermerrorAreDeliveredWithTheHeader() throws Exception {
        int inbox = messages(rita, "INBOX").size();
        deliverFrom("someone@slow.example", "192.0.2.44", rita);
        assertThat(last(rita, "INBOX")).contains("Received-SPF: temperror (", "problem=");
        deliverFrom("someone@broken.example", "192.0.2.44", rita);
        assertThat(last(rita, "INBOX")).contains("Received-SPF: permerror (", "spf=permerror smtp.mailfrom=");
        assertThat(messages(rita, "INBOX")).hasSize(inbox + 2);
    }

    @Test
    void theNullSenderIsCheckedAsPostmasterAtTheHeloName() throws Exception {
        int inbox = messages(rita, "INBOX").size();
        deliverFrom("", "192.0.2.1", rita);
        assertThat(messages(rita, "INBOX")).hasSize(inbox + 1);
        assertThat(last(rita, "INBOX")).contains("Received-SPF: pass (", "envelope-from=postmaster@client.example.org",
                "identity=helo", "spf=pass smtp.helo=client.example.org");
    }

    @Test
    void authenticatedSubmissionsAreNotChecked() throws Exception {
        int inbox = messages(rita, "INBOX").size();
        Envelope envelope = fullEnvelope("rita@spf.test", "203.0.113.5", "laptop", "rita@spf.test",
                EnvelopeRecipient.of("rita@spf.test"));
        byte[] original = bytes("Subject: mine\r\n\r\nbody\r\n");
        publish(envelope, original);
        awaitProcessed(envelope.id(), 1);
        assertThat(messages(rita, "INBOX")).hasSize(inbox + 1);
        assertThat(last(rita, "INBOX")).isEqualTo("Return-Path: <rita@spf.test>\r\nDelivered-To: rita@spf.test\r\n"
                + "Subject: mine\r\n\r\nbody\r\n");
    }

    /**
     * The exploit: a forged sender whose domain says SPF fail, a recipient that does not exist and one
     * whose mailbox is full. Nothing ever goes back to the forged address: not at once, and not when
     * the deferred copy is given up days later.
     */
    @Test
    void aForgedSenderIsNeverToldAnythingNotEvenLater() throws Exception {
        Envelope envelope = fullEnvelope("victim@fail.example", "192.0.2.44", "client.example.org", null,
                EnvelopeRecipient.of("nobody@spf.test"), EnvelopeRecipient.of("tiny@spf.test"));
        publish(envelope, bytes("Subject: backscatter\r\n\r\nattacker-chosen content\r\n"));
        await("the deferred copy", () -> jdbc.sql("SELECT count(*) FROM deferred_deliveries WHERE envelope_id = ?")
                .param(envelope.id()).query(Long.class).single() == 1);
        jdbc.sql("UPDATE deferred_deliveries SET created_at = now() - interval '30 days', next_attempt = now()"
                + " WHERE envelope_id = ?").param(envelope.id()).update();
        worker.runOnce();
        assertThat(jdbc.sql("SELECT count(*) FROM deferred_deliveries WHERE envelope_id = ?").param(envelope.id())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue WHERE envelope_id LIKE ?").param(envelope.id() + "%")
                .query(Long.class).single()).isZero();
    }
}
