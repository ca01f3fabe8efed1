package io.mailplatform.store.mailbox;

/** A mailbox with that name exists already (IMAP {@code [ALREADYEXISTS]}). */
public class MailboxExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MailboxExistsException(String name) {
        super("mailbox " + name + " exists");
    }
}
