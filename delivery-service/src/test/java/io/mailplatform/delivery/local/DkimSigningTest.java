package io.mailplatform.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.mailplatform.core.dkim.DkimResult;
import io.mailplatform.core.dkim.DkimVerifier;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.dkim.DkimKey;
import io.mailplatform.store.dkim.DkimKeys;
import io.mailplatform.store.mailbox.MessageMeta;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Authenticated submissions are signed with the newest active key of each algorithm of their From
 * domain, and the signatures verify against the records the admin API tells operators to publish;
 * a domain without keys, and mail from outside, are not signed.
 */
class DkimSigningTest extends DeliveryTestSupport {
    @Autowired
    DkimKeys keys;

    private Account sam;
    private Map<String, List<String>> published;

    @BeforeAll
    void provision() throws Exception {
        domain("signed.test");
        domain("unsigned.test");
        sam = account("sam@unsigned.test");
        DkimKey old = keys.generate("signed.test", "rsa", "old").orElseThrow();
        DkimKey rsa = keys.generate("signed.test", "rsa-sha256", "new").orElseThrow();
        DkimKey ed = keys.generate("signed.test", "ed25519", null).orElseThrow();
        published = Map.of(old.dnsName(), List.of(old.dnsRecord()), rsa.dnsName(), List.of(rsa.dnsRecord()),
                ed.dnsName(), List.of(ed.dnsRecord()));
    }

    private String submit(String from, String authenticatedUser) throws Exception {
        String message = "From: " + from + "\r\nTo: sam@unsigned.test\r\nSubject: signed?\r\n"
                + "Message-ID: <" + System.nanoTime() + "@x>\r\n\r\nHello.\r\n";
        String sender = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
        Envelope envelope = fullEnvelope(sender, "192.0.2.44", "client.example.org", authenticatedUser,
                EnvelopeRecipient.of(sam.address()));
        awaitCommitted(publish(envelope, bytes(message), 0));
        List<MessageMeta> all = messages(sam, "INBOX");
        return text(sam, "INBOX", all.get(all.size() - 1).uid());
    }

    @Test
    void submissionsAreSignedWithTheNewestKeyOfEachAlgorithm() throws Exception {
        String stored = submit("Ann <ann@signed.test>", "ann@signed.test");

        assertThat(stored).contains("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=signed.test; s=new;",
                "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=signed.test; s=ed");
        // the stored copy starts with Return-Path and Delivered-To, which the signatures do not cover
        List<DkimResult> results = new DkimVerifier(name -> published.getOrDefault(name, List.of()), 5, Clock.systemUTC())
                .verify(stored.getBytes(StandardCharsets.UTF_8));
        assertThat(results).extracting(DkimResult::verdict).containsExactly(DkimResult.Verdict.PASS, DkimResult.Verdict.PASS);
    }

    @Test
    void retiredKeysStopSigningAndUnknownDomainsAreNotSigned() throws Exception {
        assertThat(submit("bob@unsigned.test", "bob@unsigned.test")).doesNotContain("DKIM-Signature:");
        assertThat(submit("eve@signed.test", null)).doesNotContain("DKIM-Signature:");
        domain("retire.test");
        keys.generate("retire.test", "rsa", "old");
        keys.generate("retire.test", "rsa", "new");
        assertThat(keys.signers("retire.test")).extracting(signer -> signer.selector()).containsExactly("new");
        assertThat(keys.retire("retire.test", "new")).isTrue();
        assertThat(keys.signers("retire.test")).extracting(signer -> signer.selector()).containsExactly("old");
        assertThat(keys.list("retire.test").orElseThrow()).extracting(DkimKey::selector, DkimKey::active)
                .containsExactly(tuple("new", false), tuple("old", true));
        assertThat(keys.delete("retire.test", "new")).isTrue();
        assertThat(keys.delete("retire.test", "new")).isFalse();
    }

    @Test
    void rotationKeepsAtMostTwoActiveKeysPerAlgorithm() throws Exception {
        domain("rotate.test");
        assertThat(keys.generate("rotate.test", "ed25519", "one")).isPresent();
        assertThat(keys.generate("rotate.test", "ed25519", "two")).isPresent();
        assertThatThrownBy(() -> keys.generate("rotate.test", "ed25519", "three"))
                .isInstanceOf(DkimKeys.KeyConflictException.class).hasMessageContaining("2 active ed25519-sha256 keys");
        assertThatThrownBy(() -> keys.generate("rotate.test", "rsa", "one"))
                .isInstanceOf(DkimKeys.KeyConflictException.class).hasMessageContaining("selector one is taken");
        assertThat(keys.retire("rotate.test", "one")).isTrue();
        assertThat(keys.generate("rotate.test", "ed25519", "three")).isPresent();
        assertThat(keys.generate("nowhere.test", "rsa", null)).isEmpty();
        assertThatThrownBy(() -> keys.generate("rotate.test", "rsa", "not a label")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.generate("rotate.test", "dsa", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
