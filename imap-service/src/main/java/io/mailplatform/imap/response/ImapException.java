package io.mailplatform.imap.response;

/**
 * A protocol-level failure of one command, mapped to a response in one place (the dispatcher):
 * {@link ImapSyntaxException} to BAD, {@link ImapNoException} to NO, {@link ImapByeException} to
 * an untagged BYE and the end of the connection.
 */
public abstract sealed class ImapException extends RuntimeException
        permits ImapSyntaxException, ImapNoException, ImapByeException {
    private static final long serialVersionUID = 1L;
    private final transient ResponseCode code;

    protected ImapException(ResponseCode code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    /** The response code, or null. */
    public ResponseCode code() {
        return code;
    }

    public String text() {
        return getMessage();
    }
}
