package io.mailplatform.core.arc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.dkim.DkimKeyRecord;
import io.mailplatform.core.dkim.DkimSigner;
import io.mailplatform.core.dkim.DkimVerifier;
import io.mailplatform.core.dkim.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ARC sealing and validation round trips (RFC 8617): one hop, a chain of two hops by two domains,
 * tampering with the body or an earlier set, a broken chain structure, and a failed chain that is not
 * extended. (The RFC's examples publish no keys that could verify them, so the chains are made here.)
 */
class ArcTest {
    static final String MESSAGE = "From: Ann <ann@origin.example>\r\nTo: list@lists.example\r\nSubject: hello\r\n"
            + "Date: Sun, 06 Dec 2026 12:00:00 +0000\r\nMessage-ID: <1@origin.example>\r\n\r\nHello list.\r\n";
    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final Map<String, String> DNS = new HashMap<>();
    static DkimSigner lists;
    static DkimSigner relay;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair listsKey = rsa.generateKeyPair();
        KeyPair relayKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DNS.put("arc._domainkey.lists.example", "v=DKIM1; k=rsa; p=" + DkimKeyRecord.publish(listsKey.getPublic()));
        DNS.put("ed._domainkey.relay.example", "v=DKIM1; k=ed25519; p=" + DkimKeyRecord.publish(relayKey.getPublic()));
        lists = new DkimSigner("lists.example", "arc", SigningAlgorithm.RSA_SHA256, listsKey.getPrivate());
        relay = new DkimSigner("relay.example", "ed", SigningAlgorithm.ED25519_SHA256, relayKey.getPrivate());
    }

    static ArcVerifier verifier() {
        return new ArcVerifier(new DkimVerifier(name -> DNS.containsKey(name) ? List.of(DNS.get(name)) : List.of(), 5,
                Clock.systemUTC()));
    }

    static String sealed(String message, DkimSigner signer) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        ArcResult incoming = verifier().verify(bytes);
        String set = ArcSealer.seal(bytes, incoming, signer.domain() + "; spf=pass smtp.mailfrom=ann@origin.example"
                + incoming.clause(), signer, NOW);
        return set == null ? null : set + message;
    }

    @Test
    void aMessageWithoutArcFieldsHasNoChain() {
        assertThat(verifier().verify(MESSAGE.getBytes(StandardCharsets.UTF_8))).isEqualTo(ArcResult.NONE);
        assertThat(ArcResult.NONE.clause()).isEqualTo(";\r\n\tarc=none");
    }

    @Test
    void oneHop() throws Exception {
        String once = sealed(MESSAGE, lists);
        assertThat(once).startsWith("ARC-Seal: i=1; a=rsa-sha256; t=" + NOW.getEpochSecond() + "; cv=none;")
                .contains("ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=lists.example; s=arc;",
                        "ARC-Authentication-Results: i=1; lists.example; spf=pass");
        ArcResult result = verifier().verify(once.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isEqualTo(new ArcResult(ArcResult.ChainValidation.PASS, 1, "lists.example", null));
        assertThat(result.clause()).isEqualTo(";\r\n\tarc=pass (i=1 d=lists.example)");
    }

    @Test
    void twoHopsByTwoDomains() throws Exception {
        String twice = sealed("Received: from lists.example by relay.example\r\n" + sealed(MESSAGE, lists), relay);
        assertThat(twice).startsWith("ARC-Seal: i=2; a=ed25519-sha256;").contains("cv=pass;",
                "ARC-Authentication-Results: i=2; relay.example; spf=pass smtp.mailfrom=ann@origin.example;\r\n\tarc=pass");
        assertThat(verifier().verify(twice.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new ArcResult(ArcResult.ChainValidation.PASS, 2, "relay.example", null));
    }

    @Test
    void tamperingFailsTheChain() throws Exception {
        String twice = sealed(sealed(MESSAGE, lists), relay);
        ArcResult body = verifier().verify(twice.replace("Hello list.", "Hello list!").getBytes(StandardCharsets.UTF_8));
        assertThat(body.cv()).isEqualTo(ArcResult.ChainValidation.FAIL);
        assertThat(body.reason()).contains("message signature i=2", "body hash");

        ArcResult earlierSet = verifier().verify(twice.replace("i=1; lists.example; spf=pass", "i=1; lists.example; spf=fail")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(earlierSet.cv()).isEqualTo(ArcResult.ChainValidation.FAIL);
        assertThat(earlierSet.reason()).as("the newest seal covers every set").contains("seal i=2");

        ArcResult subject = verifier().verify(twice.replace("Subject: hello", "Subject: hullo").getBytes(StandardCharsets.UTF_8));
        assertThat(subject.cv()).isEqualTo(ArcResult.ChainValidation.FAIL);
    }

    @Test
    void aBrokenStructureFailsAndAFailedChainIsNotExtended() throws Exception {
        String once = sealed(MESSAGE, lists);
        String missingSeal = once.substring(once.indexOf("ARC-Message-Signature:"));
        assertThat(verifier().verify(missingSeal.getBytes(StandardCharsets.UTF_8)).reason()).contains("incomplete");
        String duplicate = "ARC-Authentication-Results: i=1; x.example; none\r\n" + once;
        assertThat(verifier().verify(duplicate.getBytes(StandardCharsets.UTF_8)).reason()).contains("two");
        String skipped = once.replace("i=1;", "i=2;");
        assertThat(verifier().verify(skipped.getBytes(StandardCharsets.UTF_8)).reason()).contains("i=1 is incomplete");

        String noInstance = once.replaceFirst("ARC-Seal: i=1; ", "ARC-Seal: ");
        assertThat(verifier().verify(noInstance.getBytes(StandardCharsets.UTF_8)).reason()).contains("without a valid i=");

        String tooMany = once.replace("i=1;", "i=51;");
        assertThat(verifier().verify(tooMany.getBytes(StandardCharsets.UTF_8)).reason()).contains("outside 1..50");

        String failed = once.replace("Hello list.", "changed");
        assertThat(sealed(failed, relay)).as("cv=fail ends the chain (RFC 8617 §5.1.2)").isNull();
    }
}
