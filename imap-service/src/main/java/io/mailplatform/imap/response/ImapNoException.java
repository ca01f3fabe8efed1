package io.mailplatform.imap.response;

/** The command was understood but refused or failed: tagged NO (RFC 9051 §7.1.2). */
public final class ImapNoException extends ImapException {
    private static final long serialVersionUID = 1L;

    public ImapNoException(String text) {
        super(null, text);
    }

    public ImapNoException(ResponseCode code, String text) {
        super(code, text);
    }
}
