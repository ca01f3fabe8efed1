package io.mailplatform.store.mailbox;

/** The account's quota has no room for what was to be added (IMAP {@code [OVERQUOTA]}, RFC 9208). */
public class OverQuotaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OverQuotaException(long quotaBytes) {
        super("over the quota of " + quotaBytes + " octets");
    }

    OverQuotaException(String message) {
        super(message);
    }
}
