package io.mailplatform.delivery.mtasts;

import io.mailplatform.core.tlsrpt.TlsResultType;

/**
 * A policy that could not be had: no answer, an HTTP error, a certificate that does not verify, or a
 * file that is no policy; {@link #type()} names it as TLS reports do (RFC 8460 §4.3.2.2).
 */
public final class PolicyFetchException extends Exception {
    private final TlsResultType type;

    public PolicyFetchException(TlsResultType type, String message) {
        super(message);
        this.type = type;
    }

    public TlsResultType type() {
        return type;
    }
}
