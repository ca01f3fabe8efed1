package io.mailplatform.core.tlsrpt;

import java.util.Locale;

/** Why a TLS session could not be had as a policy asked, as TLS reports name it (RFC 8460 §4.3). */
public enum TlsResultType {
    STARTTLS_NOT_SUPPORTED,
    CERTIFICATE_HOST_MISMATCH,
    CERTIFICATE_EXPIRED,
    CERTIFICATE_NOT_TRUSTED,
    VALIDATION_FAILURE,
    TLSA_INVALID,
    DNSSEC_INVALID,
    DANE_REQUIRED,
    STS_POLICY_FETCH_ERROR,
    STS_POLICY_INVALID,
    STS_WEBPKI_INVALID;

    /** The report's word, e.g. {@code certificate-expired}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
