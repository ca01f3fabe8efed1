package io.mailplatform.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.dkim.DkimResult.Verdict;
import io.mailplatform.core.dns.TxtLookup;
import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class DkimVerifierTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);

    private static List<DkimResult> verify(String message, TxtLookup dns) {
        return new DkimVerifier(dns, 5, NOW).verify(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void bothSignaturesOfRfc8463Verify() {
        List<DkimResult> results = new DkimVerifier(Rfc8463.dns(), 5, NOW).verify(Rfc8463.message());

        assertThat(results).extracting(DkimResult::verdict).containsExactly(Verdict.PASS, Verdict.PASS);
        assertThat(results.get(0).signature().algorithm()).isEqualTo(SigningAlgorithm.ED25519_SHA256);
        assertThat(results.get(1).keyBits()).isEqualTo(1024);
        assertThat(results.get(0).signature().identity()).isEqualTo("@football.example.com");
    }

    @Test
    void rfc8463SignaturesAreReproducedByteForByte() throws Exception {
        byte[] message = Rfc8463.message();
        List<HeaderField> fields = HeaderSection.fields(message);
        for (int i = 0; i < 2; i++) {
            HeaderField field = fields.get(i);
            DkimSignature signature = DkimSignature.parse(field.value(message));
            byte[] data = HeaderHashInput.of(message, fields, signature.signedFields(), signature.headerCanonicalization(),
                    Arrays.copyOfRange(message, field.start(), field.end()));
            byte[] signed = signature.algorithm().sign(i == 0 ? Rfc8463.ed25519Key() : Rfc8463.rsaKey(), data);
            assertThat(Base64.getEncoder().encodeToString(signed)).isEqualTo(i == 0 ? Rfc8463.ED25519_B : Rfc8463.RSA_B);
        }
    }

    @Test
    void aChangedOversignedFieldBreaksBothSignatures() {
        String forged = Rfc8463.MESSAGE.replace("Subject: Is dinner ready?", "Subject: Is dinner ready?\r\nSubject: Send money");

        assertThat(verify(forged, Rfc8463.dns())).extracting(DkimResult::verdict).containsExactly(Verdict.FAIL, Verdict.FAIL);
        assertThat(verify(forged, Rfc8463.dns()).get(0).reason()).isEqualTo("signature did not verify");
    }

    @Test
    void aChangedBodyFailsOnTheBodyHash() {
        String changed = Rfc8463.MESSAGE.replace("We lost", "We won");

        List<DkimResult> results = verify(changed, Rfc8463.dns());

        assertThat(results).extracting(DkimResult::reason).containsOnly("body hash did not verify");
    }

    @Test
    void whiteSpaceChangesSurviveRelaxedCanonicalisation() {
        String rewrapped = Rfc8463.MESSAGE.replace("Subject: Is dinner ready?", "subject :   Is dinner\r\n\tready?  ")
                .replace("Joe.\r\n", "Joe.  \r\n\r\n\r\n");

        assertThat(verify(rewrapped, Rfc8463.dns())).extracting(DkimResult::verdict).containsExactly(Verdict.PASS, Verdict.PASS);
    }

    @Test
    void keyProblemsAreErrorsNotFailures() {
        TxtLookup revoked = name -> List.of("v=DKIM1; k=rsa; p=");
        TxtLookup none = name -> List.of();
        TxtLookup down = name -> {
            throw new TxtLookup.TemporaryFailure("SERVFAIL");
        };
        TxtLookup wrongType = name -> List.of("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");

        assertThat(verify(Rfc8463.MESSAGE, revoked)).extracting(DkimResult::verdict).containsOnly(Verdict.PERMERROR);
        assertThat(verify(Rfc8463.MESSAGE, none)).extracting(DkimResult::verdict).containsOnly(Verdict.PERMERROR);
        assertThat(verify(Rfc8463.MESSAGE, down)).extracting(DkimResult::verdict).containsOnly(Verdict.TEMPERROR);
        assertThat(verify(Rfc8463.MESSAGE, wrongType)).extracting(DkimResult::verdict)
                .containsExactly(Verdict.PASS, Verdict.PERMERROR);
    }

    @Test
    void malformedSignaturesArePermanentErrors() {
        String[] bad = {"v=2; a=rsa-sha256; d=a.example; s=s; h=from; bh=AA==; b=AA==",
            "v=1; a=rsa-sha1; d=a.example; s=s; h=from; bh=AA==; b=AA==",
            "v=1; a=rsa-sha256; d=a.example; s=s; h=to; bh=AA==; b=AA==",
            "v=1; a=rsa-sha256; d=a.example; s=s; h=from; bh=AA==; b=AA==; i=joe@evil.example",
            "v=1; a=rsa-sha256; d=a.example; s=s; h=from; b=AA==",
            "v=1; a=rsa-sha256; d=a.example; d=b.example; s=s; h=from; bh=AA==; b=AA==",
            "v=1; a=rsa-sha256; d=a.example; s=s; h=from; bh=!!; b=AA==",
            "v=1; a=rsa-sha256; d=a.example; s=s; h=from; bh=AA==; b=AA==; t=20; x=10"};
        for (String value : bad) {
            List<DkimResult> results = verify("DKIM-Signature: " + value + "\r\nFrom: a@a.example\r\n\r\nbody\r\n", Rfc8463.dns());
            assertThat(results).as(value).extracting(DkimResult::verdict).containsExactly(Verdict.PERMERROR);
        }
    }

    @Test
    void expiredAndWeakKeysDoNotPass() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(768);
        KeyPair weak = generator.generateKeyPair();
        byte[] message = "From: a@weak.example\r\nSubject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
        String signed = new DkimSigner("weak.example", "s", SigningAlgorithm.RSA_SHA256, weak.getPrivate())
                .sign(message, NOW.instant()) + new String(message, StandardCharsets.US_ASCII);
        TxtLookup dns = name -> List.of("v=DKIM1; p=" + DkimKeyRecord.publish(weak.getPublic()));

        DkimResult result = verify(signed, dns).get(0);
        assertThat(result.verdict()).isEqualTo(Verdict.POLICY);
        assertThat(result.keyBits()).isEqualTo(768);

        String expired = Rfc8463.MESSAGE.replace("t=1528637909; h=from : to :\r\n", "t=1528637909; x=1528637999; h=from : to :\r\n");
        assertThat(verify(expired, Rfc8463.dns()).get(0).reason()).isEqualTo("signature expired");
    }

    @Test
    void onlyTheFirstSignaturesAreChecked() {
        String many = "DKIM-Signature: garbage\r\n".repeat(9) + Rfc8463.MESSAGE;

        assertThat(new DkimVerifier(Rfc8463.dns(), 5, NOW).verify(many.getBytes(StandardCharsets.US_ASCII))).hasSize(5);
        assertThat(verify("From: a@b.example\r\n\r\nunsigned\r\n", Rfc8463.dns())).isEmpty();
    }

    @Test
    void aKeyRecordMayBeBarePkcs1() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        // SubjectPublicKeyInfo of RSA: the PKCS#1 key is the BIT STRING's content, 24 octets in for 2048 bits
        byte[] pkcs1 = Arrays.copyOfRange(spki, 24, spki.length);
        DkimKeyRecord record = DkimKeyRecord.parse("k=rsa; p=" + Base64.getEncoder().encodeToString(pkcs1));

        assertThat(record.key()).isEqualTo(pair.getPublic());
        assertThat(DkimKeyRecord.parse("v=DKIM1; t=y:s; p=" + DkimKeyRecord.publish(pair.getPublic())))
                .extracting(DkimKeyRecord::testing, DkimKeyRecord::strict).containsExactly(true, true);
    }

    @Test
    void resultsAreRenderedForAuthenticationResults() {
        List<DkimResult> results = new DkimVerifier(Rfc8463.dns(), 5, NOW).verify(Rfc8463.message());

        assertThat(DkimResultsField.clauses(results)).isEqualTo(";\r\n\tdkim=pass (256-bit key) header.d=football.example.com"
                + " header.s=brisbane header.i=\"@football.example.com\" header.b=\"/gCrinpc\""
                + ";\r\n\tdkim=pass (1024-bit key) header.d=football.example.com header.s=test"
                + " header.i=\"@football.example.com\" header.b=\"F45dVWDf\"");
        assertThat(DkimResultsField.clauses(List.of())).isEqualTo(";\r\n\tdkim=none");
    }
}
