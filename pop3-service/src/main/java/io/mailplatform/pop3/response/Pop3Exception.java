package io.mailplatform.pop3.response;

/**
 * A command that cannot be carried out, with the {@code -ERR} response the client gets. Thrown by
 * parsers and processors, answered in one place by the session; the session then goes on.
 */
public class Pop3Exception extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient StatusResponse response;

    public Pop3Exception(StatusResponse response) {
        super(response.text(), null, false, false);
        if (response.ok()) {
            throw new IllegalArgumentException("a Pop3Exception carries an -ERR response");
        }
        this.response = response;
    }

    public StatusResponse response() {
        return response;
    }
}
