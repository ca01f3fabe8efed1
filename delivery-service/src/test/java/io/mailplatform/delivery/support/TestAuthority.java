package io.mailplatform.delivery.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of the test JVM, trusted by the shared context's relay (SSL bundle
 * {@value #BUNDLE}), issuing server certificates: valid ones, expired ones, and ones for any name.
 */
public final class TestAuthority {
    public static final String BUNDLE = "relay-test-authority";
    private static final char[] PASSWORD = "test".toCharArray();
    private static final KeyPair KEY = keyPair();
    private static final X509Certificate CERTIFICATE = authority();

    private TestAuthority() {
    }

    /** The authority's certificate in PEM, as an SSL bundle's trust store takes it. */
    public static String pem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                    CERTIFICATE.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The authority's own certificate (for DANE-TA records). */
    public static X509Certificate certificate() {
        return CERTIFICATE;
    }

    /** Trust in this authority only. */
    public static TrustManagerFactory trust() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("authority", CERTIFICATE);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return trust;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server TLS context with a certificate for {@code names}, valid now. */
    public static SSLContext server(String... names) {
        Instant now = Instant.now();
        return server(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), names);
    }

    /** A server TLS context with a certificate for {@code names} that expired yesterday. */
    public static SSLContext expired(String... names) {
        Instant now = Instant.now();
        return server(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), names);
    }

    private static SSLContext server(Instant notBefore, Instant notAfter, String... names) {
        try {
            KeyPair pair = keyPair();
            GeneralName[] alternatives = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                alternatives[i] = new GeneralName(GeneralName.dNSName, names[i]);
            }
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Relay Test Authority"),
                    new BigInteger(64, new SecureRandom()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + names[0]), pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives));
            X509Certificate leaf = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEY.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", pair.getPrivate(), PASSWORD, new X509Certificate[] {leaf, CERTIFICATE});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a test certificate", e);
        }
    }

    private static X509Certificate authority() {
        try {
            X500Name subject = new X500Name("CN=Relay Test Authority");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofDays(365))), Date.from(now.plus(Duration.ofDays(365))), subject,
                    KEY.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEY.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test authority", e);
        }
    }

    /** A fresh P-256 key pair, as the authority's and its server certificates' keys are. */
    public static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
