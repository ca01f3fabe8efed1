package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.dkim.DkimKeyRecord;
import io.mailplatform.core.dkim.DkimSigner;
import io.mailplatform.core.dkim.SigningAlgorithm;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.spf.StubDnsServerAccess;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.MessageMeta;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DMARC through the real consumer, store and a real DNS server: mail whose From domain publishes
 * p=reject and that neither an aligned SPF pass nor an aligned DKIM signature vouches for goes to
 * Junk; the same From with a valid signature of its domain goes to the INBOX; p=none only reports.
 */
class DmarcPolicyTest extends DeliveryTestSupport {
    private static KeyPair bankKey;
    private Account dana;

    @BeforeAll
    void provision() throws Exception {
        domain("dmarc.test");
        dana = account("dana@dmarc.test");
        bankKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        StubDnsServerAccess.server()
                .add("_dmarc.bank.example. 300 IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@bank.example\"")
                .add("_dmarc.quiet.example. 300 IN TXT \"v=DMARC1; p=none\"")
                .add("ed._domainkey.bank.example. 300 IN TXT \"v=DKIM1; k=ed25519; p="
                        + DkimKeyRecord.publish(bankKey.getPublic()) + "\"");
    }

    private static String message(String from) {
        return "From: " + from + "\r\nTo: dana@dmarc.test\r\nSubject: urgent transfer\r\nMessage-ID: <" + System.nanoTime()
                + "@x>\r\n\r\nPlease pay.\r\n";
    }

    /** Delivers from a client SPF passes for pass.example, so SPF passes but only aligns with pass.example. */
    private void deliver(String message) throws Exception {
        Envelope envelope = fullEnvelope("someone@pass.example", "192.0.2.44", "client.example.org", null,
                EnvelopeRecipient.of(dana.address()));
        awaitCommitted(publish(envelope, bytes(message), 0));
    }

    private String last(String mailbox) {
        List<MessageMeta> all = messages(dana, mailbox);
        return text(dana, mailbox, all.get(all.size() - 1).uid());
    }

    @Test
    void unalignedMailOfARejectingDomainGoesToJunk() throws Exception {
        int junk = messages(dana, "Junk").size();
        deliver(message("CEO <ceo@bank.example>"));

        assertThat(messages(dana, "Junk")).hasSize(junk + 1);
        assertThat(last("Junk")).contains("\tspf=pass smtp.mailfrom=someone@pass.example", "\tdkim=none",
                "\tdmarc=fail (p=reject dis=reject) header.from=bank.example");
    }

    @Test
    void anAlignedSignaturePasses() throws Exception {
        int inbox = messages(dana, "INBOX").size();
        String plain = message("CEO <ceo@bank.example>");
        String signed = new DkimSigner("bank.example", "ed", SigningAlgorithm.ED25519_SHA256, bankKey.getPrivate())
                .sign(plain.getBytes(StandardCharsets.UTF_8), Instant.now()) + plain;
        deliver(signed);

        assertThat(messages(dana, "INBOX")).hasSize(inbox + 1);
        assertThat(last("INBOX")).contains("\tdkim=pass (256-bit key) header.d=bank.example",
                "\tdmarc=pass (p=reject dis=none) header.from=bank.example");
    }

    @Test
    void policyNoneOnlyReportsAndAlignedSpfPasses() throws Exception {
        int inbox = messages(dana, "INBOX").size();
        deliver(message("x@quiet.example"));
        assertThat(last("INBOX")).contains("\tdmarc=fail (p=none dis=none) header.from=quiet.example");
        deliver(message("someone@pass.example"));
        assertThat(last("INBOX")).contains("\tdmarc=none header.from=pass.example");
        assertThat(messages(dana, "INBOX")).hasSize(inbox + 2);
    }
}
