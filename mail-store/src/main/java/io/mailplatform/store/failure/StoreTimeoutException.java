package io.mailplatform.store.failure;

/**
 * A query ran longer than its time limit and PostgreSQL cancelled it (SQLState 57014
 * {@code query_canceled}); nothing it would have changed was changed. For a client's search the
 * answer is to narrow it (IMAP {@code [LIMIT]}); for background work, to try again.
 */
public class StoreTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreTimeoutException(Throwable cause) {
        super("the query ran longer than its time limit and was cancelled", cause);
    }
}
