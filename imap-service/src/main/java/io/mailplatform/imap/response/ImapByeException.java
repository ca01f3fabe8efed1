package io.mailplatform.imap.response;

/** The session cannot go on: untagged BYE, then the server closes the connection (RFC 9051 §7.1.5). */
public final class ImapByeException extends ImapException {
    private static final long serialVersionUID = 1L;

    public ImapByeException(String text) {
        super(null, text);
    }
}
