package io.mailplatform.delivery.arc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.arc.ArcResult;
import io.mailplatform.core.arc.ArcSealer;
import io.mailplatform.core.arc.ArcVerifier;
import io.mailplatform.core.dkim.DkimKeyRecord;
import io.mailplatform.core.dkim.DkimSigner;
import io.mailplatform.core.dkim.DkimVerifier;
import io.mailplatform.core.dkim.SigningAlgorithm;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.dkim.ArcCheck;
import io.mailplatform.delivery.spf.StubDnsServerAccess;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.dkim.DkimKey;
import io.mailplatform.store.dkim.DkimKeys;
import io.mailplatform.store.mailbox.MessageMeta;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * ARC through the real consumer, store, DNS server and relay queue: an incoming chain is validated and
 * recorded as arc= in Authentication-Results (pass, and fail once tampered with); mail an alias forwards to a
 * remote address is queued with our ARC set, signed with the alias domain's DKIM key from the admin API,
 * cv=none for a message without a chain and cv=pass (i=2) on top of a valid one; both validate.
 */
class ArcForwardingTest extends DeliveryTestSupport {
    @Autowired
    DkimKeys keys;
    @Autowired
    ArcCheck arc;

    private static DkimSigner lists;
    private Account gus;

    @BeforeAll
    void provision() throws Exception {
        domain("arc.test");
        gus = account("gus@arc.test");
        directory.addAlias("crew@arc.test", "gus@arc.test");
        directory.addAlias("crew@arc.test", "gus.away@remote.example");
        DkimKey key = keys.generate("arc.test", "rsa-sha256", "arc1").orElseThrow();
        KeyPair listsKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        lists = new DkimSigner("lists.example", "l1", SigningAlgorithm.ED25519_SHA256, listsKey.getPrivate());
        StubDnsServerAccess.server()
                .add(key.dnsName() + ". 300 IN TXT " + strings(key.dnsRecord()))
                .add("l1._domainkey.lists.example. 300 IN TXT \"v=DKIM1; k=ed25519; p="
                        + DkimKeyRecord.publish(listsKey.getPublic()) + "\"");
    }

    /** A TXT value as character-strings of at most 255 octets (an RSA-2048 key record is longer). */
    private static String strings(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i += 200) {
            out.append(" \"").append(value, i, Math.min(value.length(), i + 200)).append('"');
        }
        return out.toString().strip();
    }

    private static String message(String subject) {
        return "From: Ann <ann@origin.example>\r\nTo: crew@arc.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + System.nanoTime() + "@origin.example>\r\n\r\nSee you at the dock.\r\n";
    }

    /** The message as the list lists.example sent it on: with that list's ARC set (i=1). */
    private static String sealedByList(String message) throws Exception {
        String set = ArcSealer.seal(message.getBytes(StandardCharsets.UTF_8), ArcResult.NONE,
                "lists.example; spf=pass smtp.mailfrom=ann@origin.example", lists, Instant.now());
        return set + message;
    }

    private Envelope deliver(String message, String recipient) throws Exception {
        Envelope envelope = fullEnvelope("bounces@lists.example", "192.0.2.44", "client.example.org", null,
                EnvelopeRecipient.of(recipient));
        awaitCommitted(publish(envelope, bytes(message), 0));
        return envelope;
    }

    private String lastInbox() {
        List<MessageMeta> all = messages(gus, "INBOX");
        return text(gus, "INBOX", all.get(all.size() - 1).uid());
    }

    private String forwarded(Envelope envelope) {
        byte[] raw = jdbc.sql("""
                SELECT c.raw FROM outbound_queue q JOIN message_contents c ON c.id = q.content_id
                WHERE q.envelope_id = ? AND q.recipient = 'gus.away@remote.example'""").param(envelope.id())
                .query((rs, n) -> rs.getBytes(1)).single();
        return new String(raw, StandardCharsets.UTF_8);
    }

    @Test
    void anIncomingChainIsValidatedAndRecorded() throws Exception {
        deliver(sealedByList(message("valid chain")), gus.address());
        assertThat(lastInbox()).contains("\tarc=pass (i=1 d=lists.example)");

        deliver(sealedByList(message("tampered chain")).replace("See you", "Meet me"), gus.address());
        assertThat(lastInbox()).contains("\tarc=fail (message signature i=1: body hash did not verify)");

        deliver(message("no chain"), gus.address());
        assertThat(lastInbox()).contains("\tarc=none");
    }

    @Test
    void forwardedMailIsSealedWithTheAliasDomainsKey() throws Exception {
        Envelope envelope = deliver(message("to the crew"), "crew@arc.test");
        String sent = forwarded(envelope);
        assertThat(sent).startsWith("ARC-Seal: i=1; a=rsa-sha256;").contains("cv=none;", "d=arc.test; s=arc1;",
                "ARC-Authentication-Results: i=1; mx.example.test;", "\tarc=none");
        assertThat(arc.verify(sent.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ArcResult(ArcResult.ChainValidation.PASS, 1, "arc.test", null));
    }

    @Test
    void aValidChainGrowsByOurSet() throws Exception {
        Envelope envelope = deliver(sealedByList(message("via the list")), "crew@arc.test");
        String sent = forwarded(envelope);
        assertThat(sent).startsWith("ARC-Seal: i=2; a=rsa-sha256;").contains("cv=pass;",
                "ARC-Authentication-Results: i=2; mx.example.test;", "\tarc=pass (i=1 d=lists.example)");
        assertThat(arc.verify(sent.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ArcResult(ArcResult.ChainValidation.PASS, 2, "arc.test", null));
        ArcVerifier independentKeys = new ArcVerifier(new DkimVerifier(name -> List.of(), 1, Clock.systemUTC()));
        assertThat(independentKeys.verify(sent.getBytes(StandardCharsets.UTF_8)).cv())
                .as("without the keys in DNS nothing passes").isEqualTo(ArcResult.ChainValidation.FAIL);
    }
}
