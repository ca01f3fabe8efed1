package io.mailplatform.delivery.relay.smtp;

/** What went wrong in an attempt to hand mail to a remote server. */
public enum FailureKind {
    /** The TCP connection was refused, could not be routed or timed out. */
    CONNECT_FAILED,
    /** {@code mail.relay.client.max-connections} connections were open: nothing was tried. */
    CONNECTION_LIMIT,
    /** The server greeted with a 4yz or 5yz reply (RFC 5321 §3.1) or closed at once. */
    GREETING_REFUSED,
    /** The server refused both EHLO and HELO. */
    HELLO_REFUSED,
    /** TLS is required, but the server does not offer STARTTLS or refused it. */
    TLS_UNAVAILABLE,
    /** The TLS handshake failed, or the certificate did not verify where TLS is required. */
    TLS_FAILED,
    /** {@link TlsPolicy#AUTHENTICATED}: the server's certificate has expired (or is not valid yet). */
    CERTIFICATE_EXPIRED,
    /** {@link TlsPolicy#AUTHENTICATED}: the server's certificate does not name the host. */
    CERTIFICATE_HOST_MISMATCH,
    /** {@link TlsPolicy#AUTHENTICATED}: the server's certificate chain leads to no trusted authority. */
    CERTIFICATE_NOT_TRUSTED,
    /** Authentication to the server failed, or was impossible (no TLS, no common mechanism). */
    AUTH_FAILED,
    /** The server sent something that is no SMTP reply, or a reply that makes no sense here. */
    PROTOCOL_ERROR,
    /** A reply, or the network taking a chunk of the message, took longer than its timeout. */
    TIMEOUT,
    /** The connection was closed or reset by the server or the network. */
    CONNECTION_LOST,
    /** The server refused MAIL, RCPT, DATA, BDAT or the message itself: its reply says why. */
    REFUSED,
    /** The message is larger than the SIZE the server announced (RFC 1870): not sent. */
    MESSAGE_TOO_BIG,
    /** The message needs an extension the server lacks (8BITMIME, SMTPUTF8, BINARYMIME): not sent. */
    EXTENSION_MISSING,
    /** An address or DSN value cannot be written into an SMTP command: not sent. */
    INVALID_ENVELOPE,
    /** The message could not be read from the store. */
    CONTENT_UNREADABLE,
    /** Something unexpected on our side. */
    INTERNAL
}
