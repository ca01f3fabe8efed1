package io.mailplatform.store.directory;

/** A directory entry the operation needs does not exist (e.g. the domain of a new account). */
public class UnknownEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownEntryException(String message) {
        super(message);
    }
}
