package io.mailplatform.certificate;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * A self-signed certificate made at start-up, for development when no certificate is configured.
 * Clients will (rightly) not trust it; production sets real certificates through SSL bundles. It
 * names the host, {@code localhost}, 127.0.0.1 and ::1, so a client that was given it can verify
 * the name on a development machine.
 */
public record SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
    private static final String ALIAS = "server";
    /** Protects the in-memory key store only; the key never leaves the process. */
    private static final String STORE_PASSWORD = "self-signed";

    public static SelfSignedCertificate generate(String hostname) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=" + hostname);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(825))), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostname));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            return new SelfSignedCertificate(pair, certificate);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    private static GeneralNames alternativeNames(String hostname) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.dNSName, hostname));
        if (!hostname.equalsIgnoreCase("localhost")) {
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        }
        for (InetAddress loopback : new InetAddress[] {InetAddress.getLoopbackAddress(), loopback6()}) {
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(loopback.getAddress())));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static InetAddress loopback6() {
        try {
            return InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // never: a literal address of the right length
        }
    }

    /** The certificate and its key as a Spring SSL bundle, TLS 1.2 and 1.3 only (RFC 8996). */
    public SslBundle sslBundle() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, keyPair.getPrivate(), STORE_PASSWORD.toCharArray(), new X509Certificate[] {certificate});
            return SslBundle.of(SslStoreBundle.of(store, STORE_PASSWORD, null), SslBundleKey.of(STORE_PASSWORD, ALIAS),
                    SslOptions.of(null, new String[] {"TLSv1.3", "TLSv1.2"}));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a key store", e);
        }
    }
}
