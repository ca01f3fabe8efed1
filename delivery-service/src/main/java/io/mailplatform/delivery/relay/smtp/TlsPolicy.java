package io.mailplatform.delivery.relay.smtp;

/** Whether a connection uses STARTTLS (RFC 3207). */
public enum TlsPolicy {
    /**
     * STARTTLS whenever the server offers it, certificate unchecked (RFC 7435); without it, or if the
     * server refuses it, in plaintext. A failed handshake is retried once in plaintext when
     * {@code mail.relay.client.tls.plaintext-fallback} is on.
     */
    OPPORTUNISTIC,
    /**
     * TLS or nothing: a server that does not offer STARTTLS, or whose handshake fails, is a temporary
     * failure. The certificate is verified (PKIX and host name) unless
     * {@code mail.relay.client.tls.verify-required} is off. For routes and smart hosts that demand it.
     */
    REQUIRED,
    /**
     * TLS with a certificate that verifies against the host name, whatever
     * {@code mail.relay.client.tls.verify-required} says, never plaintext: MTA-STS (RFC 8461 §4.2).
     * The chain is checked after the handshake so that a failure says what was wrong (expired, wrong
     * name, untrusted issuer) for TLS reports (RFC 8460).
     */
    AUTHENTICATED,
    /** Never STARTTLS, even when offered: the plaintext retry of {@link #OPPORTUNISTIC}. */
    NONE
}
