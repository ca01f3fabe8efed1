package io.mailplatform.imap.encode;

/**
 * A literal's header was sent but not all of its octets can follow (the message was expunged
 * while it was streamed, or the client went away): the response framing is lost, so the
 * connection must be closed without writing anything more.
 */
public final class LiteralCutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LiteralCutException(String message) {
        super(message, null, false, false);
    }
}
