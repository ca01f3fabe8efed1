package io.mailplatform.delivery.relay;

import io.mailplatform.core.tlsrpt.TlsResultType;
import io.mailplatform.delivery.relay.smtp.FailureKind;

/** The TLS failures among connection failures, as TLS reports name them (RFC 8460 §4.3). */
final class TlsFailures {

    private TlsFailures() {
    }

    /** The result type, or null when the failure was not about TLS (refused, timed out, ...). */
    static TlsResultType of(FailureKind kind) {
        return switch (kind) {
            case TLS_UNAVAILABLE -> TlsResultType.STARTTLS_NOT_SUPPORTED;
            case CERTIFICATE_EXPIRED -> TlsResultType.CERTIFICATE_EXPIRED;
            case CERTIFICATE_HOST_MISMATCH -> TlsResultType.CERTIFICATE_HOST_MISMATCH;
            case CERTIFICATE_NOT_TRUSTED -> TlsResultType.CERTIFICATE_NOT_TRUSTED;
            case TLS_FAILED -> TlsResultType.VALIDATION_FAILURE;
            default -> null;
        };
    }
}
