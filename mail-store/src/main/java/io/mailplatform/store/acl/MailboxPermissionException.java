package io.mailplatform.store.acl;

/** The account lacks a right the operation needs on a mailbox it can see (IMAP {@code [NOPERM]}, RFC 5530). */
public class MailboxPermissionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Right missing;

    public MailboxPermissionException(Right missing, String text) {
        super(text);
        this.missing = missing;
    }

    public Right missing() {
        return missing;
    }
}
