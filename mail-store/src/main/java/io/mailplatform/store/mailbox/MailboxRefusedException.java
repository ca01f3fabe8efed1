package io.mailplatform.store.mailbox;

/**
 * A mailbox operation the rules of RFC 9051 §6.3 refuse; the message is the client's answer. Each
 * protocol maps the {@link Reason} once: IMAP to a response code, the webmail to an HTTP status.
 */
public class MailboxRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, named after the IMAP response codes of RFC 5530 that say it. */
    public enum Reason {
        /** The name cannot be used (empty levels, wildcards, control characters): {@code [CANNOT]}. */
        CANNOT,
        /** The name is longer than any mailbox may have: {@code [LIMIT]}. */
        LIMIT,
        /** The name is taken, or is INBOX: {@code [ALREADYEXISTS]}. */
        ALREADYEXISTS,
        /** A non-selectable name with inferiors cannot be deleted: {@code [HASCHILDREN]}. */
        HASCHILDREN
    }

    private final Reason reason;

    public MailboxRefusedException(Reason reason, String text) {
        super(text);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
