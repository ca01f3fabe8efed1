package io.mailplatform.pop3.parse;

import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.StatusResponse;

/** A command line that does not parse: unknown keyword, missing or malformed arguments. */
public class Pop3SyntaxException extends Pop3Exception {
    private static final long serialVersionUID = 1L;

    public Pop3SyntaxException(String text) {
        super(StatusResponse.err(text));
    }

    public Pop3SyntaxException(StatusResponse response) {
        super(response);
    }
}
