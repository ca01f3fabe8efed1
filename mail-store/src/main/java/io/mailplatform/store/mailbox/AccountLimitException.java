package io.mailplatform.store.mailbox;

/**
 * The account reached one of its caps ({@code mail.store.limits}); nothing was changed (IMAP
 * {@code [LIMIT]}, RFC 5530).
 */
public class AccountLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What is capped. */
    public enum Limit {
        MAILBOXES("mailboxes"), SUBSCRIPTIONS("subscriptions"), KEYWORDS("keywords");

        private final String noun;

        Limit(String noun) {
            this.noun = noun;
        }
    }

    /** The message is the client's answer: it names what is capped and the cap. */
    public AccountLimitException(Limit limit, int max) {
        super("Too many " + limit.noun + " (at most " + max + " per account)");
    }
}
