package io.mailplatform.store.mailbox;

/** The named mailbox does not exist for this account (IMAP {@code [NONEXISTENT]}). */
public class MailboxNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MailboxNotFoundException(String name) {
        super("no mailbox " + name);
    }
}
