package io.mailplatform.store.mailbox;

/** A METADATA change would leave the account more entries than it may have (RFC 5464 §4.3 TOOMANY). */
public class MetadataLimitException extends RuntimeException {
    private final int max;

    public MetadataLimitException(int max) {
        super("at most " + max + " metadata entries per account");
        this.max = max;
    }

    public int max() {
        return max;
    }
}
