package io.mailplatform.imap.response;

/** The command is malformed or not allowed now: tagged BAD (RFC 9051 §7.1.3). */
public final class ImapSyntaxException extends ImapException {
    private static final long serialVersionUID = 1L;

    public ImapSyntaxException(String text) {
        super(null, text);
    }

    public ImapSyntaxException(ResponseCode code, String text) {
        super(code, text);
    }
}
