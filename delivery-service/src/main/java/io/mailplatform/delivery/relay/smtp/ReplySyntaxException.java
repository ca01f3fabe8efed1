package io.mailplatform.delivery.relay.smtp;

/** A remote server sent something that is no SMTP reply (RFC 5321 §4.2): a protocol error. */
final class ReplySyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    ReplySyntaxException(String message) {
        super(message, null, false, false);
    }
}
