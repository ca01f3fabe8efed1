package io.mailplatform.delivery.relay.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.delivery.support.TestAuthority;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** TLSA matching (RFC 6698 §2.1, RFC 7672 §3.1): every selector and matching type, both usages. */
class TlsaCheckTest {
    private static final KeyPair CA_KEY = TestAuthority.keyPair();
    private static final KeyPair LEAF_KEY = TestAuthority.keyPair();
    private static final X509Certificate CA = certificate("CN=DANE test CA", CA_KEY, CA_KEY, null, true, 1);
    private static final X509Certificate LEAF = certificate("CN=mx.example", LEAF_KEY, CA_KEY, "mx.example", false, 1);
    private static final X509Certificate EXPIRED = certificate("CN=mx.example", LEAF_KEY, CA_KEY, "mx.example", false, -1);
    private static final X509Certificate SELF = certificate("CN=mx.example", LEAF_KEY, LEAF_KEY, "other.example", false, -1);

    @Test
    void daneEeMatchesTheLeafBySelectorAndMatchingType() throws Exception {
        for (int selector = 0; selector <= 1; selector++) {
            byte[] selected = selector == 0 ? LEAF.getEncoded() : LEAF.getPublicKey().getEncoded();
            assertThat(TlsaCheck.mismatch(List.of(LEAF, CA), List.of(new Tlsa(3, selector, 0, selected)), "mx.example"))
                    .isNull();
            assertThat(TlsaCheck.mismatch(List.of(LEAF), List.of(new Tlsa(3, selector, 1, digest("SHA-256", selected))),
                    "mx.example")).isNull();
            assertThat(TlsaCheck.mismatch(List.of(LEAF), List.of(new Tlsa(3, selector, 2, digest("SHA-512", selected))),
                    "mx.example")).isNull();
        }
    }

    @Test
    void daneEeIgnoresNamesAndDates() throws Exception {
        Tlsa spki = new Tlsa(3, 1, 1, digest("SHA-256", LEAF_KEY.getPublic().getEncoded()));
        assertThat(TlsaCheck.mismatch(List.of(SELF), List.of(spki), "mx.example")).isNull();
    }

    @Test
    void daneEeDoesNotMatchAnotherKey() throws Exception {
        Tlsa ca = new Tlsa(3, 1, 1, digest("SHA-256", CA_KEY.getPublic().getEncoded()));
        assertThat(TlsaCheck.mismatch(List.of(LEAF, CA), List.of(ca), "mx.example")).contains("matches none");
    }

    @Test
    void daneTaMatchesAnAuthorityInTheChainThatIssuedTheLeafForTheName() throws Exception {
        Tlsa ta = new Tlsa(2, 0, 1, digest("SHA-256", CA.getEncoded()));
        assertThat(TlsaCheck.mismatch(List.of(LEAF, CA), List.of(ta), "mx.example")).isNull();
        assertThat(TlsaCheck.mismatch(List.of(LEAF, CA), List.of(ta), "mx2.example")).contains("does not name mx2.example");
        assertThat(TlsaCheck.mismatch(List.of(EXPIRED, CA), List.of(ta), "mx.example")).contains("out of date");
        assertThat(TlsaCheck.mismatch(List.of(LEAF), List.of(ta), "mx.example")).contains("matches none");
        // the leaf itself is no trust anchor
        Tlsa leafAsTa = new Tlsa(2, 0, 1, digest("SHA-256", LEAF.getEncoded()));
        assertThat(TlsaCheck.mismatch(List.of(LEAF, CA), List.of(leafAsTa), "mx.example")).contains("matches none");
    }

    @Test
    void daneTaRefusesAChainWhoseLeafTheAuthorityDidNotSign() throws Exception {
        Tlsa ta = new Tlsa(2, 1, 1, digest("SHA-256", CA_KEY.getPublic().getEncoded()));
        X509Certificate forged = certificate("CN=mx.example", LEAF_KEY, LEAF_KEY, "mx.example", false, 1);
        assertThat(TlsaCheck.mismatch(List.of(forged, CA), List.of(ta), "mx.example")).contains("badly signed");
    }

    @Test
    void pkixUsagesAndUnknownValuesAreNotUsable() {
        assertThat(Tlsa.usable(0, 0, 1)).isFalse();
        assertThat(Tlsa.usable(1, 1, 1)).isFalse();
        assertThat(Tlsa.usable(3, 2, 1)).isFalse();
        assertThat(Tlsa.usable(3, 1, 3)).isFalse();
        assertThat(Tlsa.usable(2, 1, 2)).isTrue();
        assertThatThrownBy(() -> new Tlsa(1, 1, 1, new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] digest(String algorithm, byte[] data) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(data);
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKey, KeyPair issuerKey, String dnsName,
            boolean authority, int validDays) {
        try {
            Instant now = Instant.now();
            Instant end = now.plus(Duration.ofDays(validDays));
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Name(authority || dnsName == null ? subject : "CN=DANE test CA"), BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(30))), Date.from(end), new X500Name(subject),
                    subjectKey.getPublic());
            if (authority) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            } else {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
