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
 * DKIM through the real consumer, store and a real DNS server: a signature made with a published key
 * passes, a message changed on the way fails, a signature whose key does not exist is a permerror,
 * unsigned mail says dkim=none; the results share one Authentication-Results field with SPF, and
 * authenticated submissions get none.
 */
class DkimVerificationTest extends DeliveryTestSupport {
    private static KeyPair rsa;
    private static KeyPair ed25519;
    private Account vera;

    @BeforeAll
    void provision() throws Exception {
        domain("dkim.test");
        vera = account("vera@dkim.test");
        rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        StubDnsServerAccess.server()
                .add("r2048._domainkey.pass.example. 300 IN TXT " + txt("v=DKIM1; k=rsa; p=" + DkimKeyRecord.publish(rsa.getPublic())))
                .add("ed._domainkey.pass.example. 300 IN TXT " + txt("v=DKIM1; k=ed25519; p=" + DkimKeyRecord.publish(ed25519.getPublic())));
    }

    /** A TXT record's text as character-strings of at most 255 octets (RFC 1035 §3.3). */
    private static String txt(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += 200) {
            out.append(" \"").append(text, i, Math.min(text.length(), i + 200)).append('"');
        }
        return out.toString();
    }

    private static String signed(String selector, KeyPair pair, SigningAlgorithm algorithm, String message) throws Exception {
        return new DkimSigner("pass.example", selector, algorithm, pair.getPrivate())
                .sign(message.getBytes(StandardCharsets.UTF_8), Instant.now()) + message;
    }

    private String deliver(String message, String authenticatedUser) throws Exception {
        Envelope envelope = fullEnvelope("someone@pass.example", "192.0.2.44", "client.example.org", authenticatedUser,
                EnvelopeRecipient.of(vera.address()));
        awaitCommitted(publish(envelope, bytes(message), 0));
        List<MessageMeta> all = messages(vera, "INBOX");
        return text(vera, "INBOX", all.get(all.size() - 1).uid());
    }

    private static final String MESSAGE = "From: Someone <someone@pass.example>\r\nTo: vera@dkim.test\r\n"
            + "Subject: signed\r\nDate: Sun, 06 Dec 2026 12:00:00 +0000\r\nMessage-ID: <s1@pass.example>\r\n\r\nHello Vera.\r\n";

    @Test
    void aValidSignatureIsReportedWithTheSpfResultInOneField() throws Exception {
        String stored = deliver(signed("r2048", rsa, SigningAlgorithm.RSA_SHA256,
                signed("ed", ed25519, SigningAlgorithm.ED25519_SHA256, MESSAGE)), null);

        assertThat(stored).contains("Authentication-Results: mx.example.test;\r\n\tspf=pass smtp.mailfrom=someone@pass.example",
                "\tdkim=pass (2048-bit key) header.d=pass.example header.s=r2048 header.i=\"@pass.example\" header.b=\"",
                "\tdkim=pass (256-bit key) header.d=pass.example header.s=ed ");
        assertThat(stored.split("Authentication-Results:", -1)).hasSize(2);
    }

    @Test
    void aChangedMessageFailsAndAMissingKeyIsAPermanentError() throws Exception {
        String changed = signed("r2048", rsa, SigningAlgorithm.RSA_SHA256, MESSAGE).replace("Hello Vera.", "Pay this invoice.");
        assertThat(deliver(changed, null)).contains("\tdkim=fail (body hash did not verify) header.d=pass.example header.s=r2048");

        KeyPair unpublished = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assertThat(deliver(signed("gone", unpublished, SigningAlgorithm.RSA_SHA256, MESSAGE), null))
                .contains("\tdkim=permerror (no key for signature) header.d=pass.example header.s=gone");
    }

    @Test
    void unsignedMailSaysNoneAndSubmissionsAreNotChecked() throws Exception {
        assertThat(deliver(MESSAGE, null)).contains("\tdkim=none;\r\n\tdmarc=none header.from=pass.example;\r\n\tarc=none\r\n");
        String submitted = deliver(signed("r2048", rsa, SigningAlgorithm.RSA_SHA256, MESSAGE), "someone@pass.example");
        assertThat(submitted).doesNotContain("Authentication-Results: mx.example.test");
    }
}
