package io.mailplatform.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.dkim.DkimResult.Verdict;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our signer against Apache James' verifier and James' signer against our verifier, on messages
 * with the corners canonicalisation gets wrong: trailing blanks, empty lines at the end, folded and
 * repeated fields, an empty body, 8-bit text.
 */
class DkimInteropTest {
    /** James refuses signatures from the future, so the signing time is the real one. */
    private static final Instant NOW = Instant.now();
    /**
     * James hashes an empty body as one CRLF under relaxed body canonicalisation too (RFC 4871's
     * reading); RFC 6376 §3.4.4 adds the CRLF only to a non-empty body, as dkimpy and OpenDKIM do, and
     * so do we. That message is left out where James computes a relaxed body hash.
     */
    private static final String EMPTY_BODY = "From: ann@sign.example\r\nSubject: empty body\r\n\r\n";
    private static KeyPair pair;
    private static String record;

    static final List<String> MESSAGES = List.of(
            "From: Ann <ann@sign.example>\r\nTo: bob@elsewhere.example\r\nSubject: plain\r\n"
                    + "Date: Sun, 06 Dec 2026 12:00:00 +0000\r\nMessage-ID: <1@sign.example>\r\n\r\nHello Bob.\r\n",
            "From: ann@sign.example\r\nSubject:  lots   of\r\n\t space \t \r\nTo: a@x.example,\r\n b@x.example\r\n"
                    + "Received: one\r\nReceived: two\r\n\r\ntrailing blanks   \r\n\t\r\nin  the   middle\r\n\r\n\r\n\r\n",
            EMPTY_BODY,
            "From: ann@sign.example\r\nSubject: no final line break\r\n\r\nlast line",
            "From: =?UTF-8?Q?J=C3=B6rg?= <joerg@sign.example>\r\nSubject: 8-bit\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Köln\r\n");

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        pair = generator.generateKeyPair();
        record = "v=DKIM1; k=rsa; p=" + DkimKeyRecord.publish(pair.getPublic());
    }

    @Test
    void jamesVerifiesWhatWeSign() throws Exception {
        DkimSigner signer = new DkimSigner("sign.example", "sel", SigningAlgorithm.RSA_SHA256, pair.getPrivate());
        for (String message : MESSAGES) {
            if (message.equals(EMPTY_BODY)) {
                continue;
            }
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            byte[] signed = (signer.sign(bytes, NOW) + message).getBytes(StandardCharsets.UTF_8);
            DKIMVerifier james = new DKIMVerifier((method, selector, domain) -> {
                assertThat(selector.toString() + "._domainkey." + domain).isEqualTo("sel._domainkey.sign.example");
                return List.of(record);
            });
            List<SignatureRecord> verified = james.verify(new ByteArrayInputStream(signed));
            assertThat(verified).as(message).hasSize(1);
            assertThat(new DkimVerifier(name -> List.of(record), 5, Clock.fixed(NOW, ZoneOffset.UTC)).verify(signed))
                    .as(message).extracting(DkimResult::verdict).containsExactly(Verdict.PASS);
        }
    }

    @Test
    void weVerifyWhatJamesSigns() throws Exception {
        for (String canonicalization : List.of("relaxed/relaxed", "simple/simple", "relaxed/simple", "simple/relaxed")) {
            DKIMSigner james = new DKIMSigner("v=1; a=rsa-sha256; c=" + canonicalization
                    + "; d=sign.example; s=james; h=from:to:subject:received; bh=; b=;", pair.getPrivate());
            for (String message : MESSAGES) {
                if (message.equals(EMPTY_BODY) && canonicalization.endsWith("/relaxed")) {
                    continue;
                }
                String signature = james.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
                byte[] signed = (signature + "\r\n" + message).getBytes(StandardCharsets.UTF_8);
                List<DkimResult> results = new DkimVerifier(name -> List.of(record), 5, Clock.systemUTC()).verify(signed);
                assertThat(results).as(canonicalization + ": " + message).extracting(DkimResult::verdict)
                        .containsExactly(Verdict.PASS);
            }
        }
    }

    @Test
    void ed25519SignaturesVerify() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String edRecord = "v=DKIM1; k=ed25519; p=" + DkimKeyRecord.publish(ed.getPublic());
        DkimSigner signer = new DkimSigner("sign.example", "ed", SigningAlgorithm.ED25519_SHA256, ed.getPrivate());
        for (String message : MESSAGES) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            byte[] signed = (signer.sign(bytes, NOW) + message).getBytes(StandardCharsets.UTF_8);
            assertThat(new DkimVerifier(name -> List.of(edRecord), 5, Clock.fixed(NOW, ZoneOffset.UTC)).verify(signed))
                    .as(message).extracting(DkimResult::verdict).containsExactly(Verdict.PASS);
        }
    }

    @Test
    void aSecondFromAddedAfterSigningBreaksTheSignature() throws Exception {
        DkimSigner signer = new DkimSigner("sign.example", "sel", SigningAlgorithm.RSA_SHA256, pair.getPrivate());
        String message = MESSAGES.get(0);
        String signed = signer.sign(message.getBytes(StandardCharsets.UTF_8), NOW) + message;
        String forged = "From: ceo@sign.example\r\n" + signed;

        assertThat(signed).contains("h=from:from:");
        assertThat(new DkimVerifier(name -> List.of(record), 5, Clock.fixed(NOW, ZoneOffset.UTC))
                .verify(forged.getBytes(StandardCharsets.UTF_8))).extracting(DkimResult::verdict).containsExactly(Verdict.FAIL);
    }
}
