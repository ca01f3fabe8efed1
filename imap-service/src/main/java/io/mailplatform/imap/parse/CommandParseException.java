package io.mailplatform.imap.parse;

import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.ResponseCode;

/** A command that could not be parsed: BAD, tagged when the tag could be read. */
public final class CommandParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String tag;
    private final transient ResponseCode code;

    public CommandParseException(String tag, ImapSyntaxException cause) {
        super(cause.text(), null, false, false);
        this.tag = tag;
        this.code = cause.code();
    }

    /** The tag, or null when the line had none (answered with an untagged BAD). */
    public String tag() {
        return tag;
    }

    public ResponseCode code() {
        return code;
    }
}
