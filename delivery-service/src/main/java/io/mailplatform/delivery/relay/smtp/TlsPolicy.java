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
    /** Never STARTTLS, even when offered: the plaintext retry of {@link #OPPORTUNISTIC}. */
    NONE
}
