package io.mailplatform.store.failure;

/**
 * The store cannot do the work now (database unreachable, no free connection, a serialization
 * conflict or deadlock) but may a moment later: try again (IMAP {@code [UNAVAILABLE]}, POP3
 * {@code [SYS/TEMP]}, HTTP 503, a delivery retried with back-off).
 */
public class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(Throwable cause) {
        super("the mail store is unavailable", cause);
    }
}
