package io.mailplatform.store.directory;

/** The directory already holds an entry with this name (domain, account, alias, list). */
public class DuplicateEntryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DuplicateEntryException(String message) {
        super(message);
    }
}
