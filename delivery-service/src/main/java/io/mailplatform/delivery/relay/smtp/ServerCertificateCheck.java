package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.core.net.WildcardName;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Checks a server's certificate chain after the handshake, as MTA-STS asks (RFC 8461 §4.2): a chain
 * to a trusted authority (PKIX, RFC 5280) and a subjectAltName dNSName that is the host, or a wildcard
 * for its left-most label (RFC 6125 §6.4.3). Says which of the RFC 8460 failures it was.
 */
final class ServerCertificateCheck {
    /** TLS 1.3 has no key exchange in the suite; the JDK's own name for a server checked then. */
    private static final String AUTH_TYPE = "UNKNOWN";
    /** GeneralName type of a dNSName (RFC 5280 §4.2.1.6). */
    private static final int DNS_NAME = 2;

    /** What the check found. */
    enum Verdict {
        VALID, EXPIRED, HOST_MISMATCH, NOT_TRUSTED
    }

    private final X509TrustManager trust;

    private ServerCertificateCheck(X509TrustManager trust) {
        this.trust = trust;
    }

    /** @param trust the authorities to trust; null for the JDK's default */
    static ServerCertificateCheck create(TrustManagerFactory trust) {
        try {
            TrustManagerFactory factory = trust;
            if (factory == null) {
                factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
            }
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return new ServerCertificateCheck(x509);
                }
            }
            throw new IllegalStateException("no X.509 trust manager among " + List.of(factory.getTrustManagers()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the trusted authorities", e);
        }
    }

    /** @param chain the server's chain, leaf first */
    Verdict check(List<X509Certificate> chain, String host) {
        if (chain.isEmpty()) {
            return Verdict.NOT_TRUSTED;
        }
        try {
            trust.checkServerTrusted(chain.toArray(X509Certificate[]::new), AUTH_TYPE);
        } catch (CertificateException e) {
            return expired(e) ? Verdict.EXPIRED : Verdict.NOT_TRUSTED;
        }
        return names(chain.get(0), host) ? Verdict.VALID : Verdict.HOST_MISMATCH;
    }

    private static boolean expired(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException) {
                return true;
            }
            if (cause instanceof CertPathValidatorException path
                    && (path.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || path.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 8461 §4.2: the subjectAltName's DNS names only, never the subject's common name. */
    private static boolean names(X509Certificate leaf, String host) {
        Collection<List<?>> names;
        try {
            names = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null) {
            return false;
        }
        for (List<?> name : names) {
            if (name.size() >= 2 && Integer.valueOf(DNS_NAME).equals(name.get(0)) && name.get(1) instanceof String dns
                    && WildcardName.matches(dns, host)) {
                return true;
            }
        }
        return false;
    }
}
