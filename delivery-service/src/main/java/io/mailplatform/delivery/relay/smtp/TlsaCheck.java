package io.mailplatform.delivery.relay.smtp;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Matches a server's chain against the TLSA records of its MX host (RFC 7672 §3.1): DANE-EE(3) the
 * leaf itself, without name or date checks (§3.1.1); DANE-TA(2) a certificate of the chain the
 * server sent, the leaf issued under it (signatures checked along the chain), within its dates, and
 * naming the MX host (§3.2.2).
 */
final class TlsaCheck {
    private TlsaCheck() {
    }

    /** @return null when some record matches, else why none did */
    static String mismatch(List<X509Certificate> chain, List<Tlsa> records, String host) {
        if (chain.isEmpty()) {
            return "no certificate";
        }
        boolean anchorFound = false;
        for (Tlsa record : records) {
            if (record.usage() == Tlsa.DANE_EE) {
                if (matches(chain.get(0), record)) {
                    return null;
                }
                continue;
            }
            for (int i = 1; i < chain.size(); i++) {
                if (matches(chain.get(i), record)) {
                    anchorFound = true;
                    if (issuedUnder(chain, i) && ServerCertificateCheck.names(chain.get(0), host)) {
                        return null;
                    }
                }
            }
        }
        return anchorFound ? "is issued by a DANE-TA authority but is out of date, badly signed or does not name " + host
                : "matches none of the TLSA records of " + host;
    }

    static boolean matches(X509Certificate certificate, Tlsa record) {
        try {
            byte[] selected = record.selector() == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
            byte[] digest = switch (record.matchingType()) {
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> selected;
            };
            return MessageDigest.isEqual(digest, record.data());
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            return false;
        }
    }

    /** Each certificate from the leaf to the anchor at {@code anchor} signed by the next, and within its dates. */
    private static boolean issuedUnder(List<X509Certificate> chain, int anchor) {
        try {
            for (int i = 0; i < anchor; i++) {
                chain.get(i).checkValidity();
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            }
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
