package io.mailplatform.store.mailbox;

/**
 * One local recipient of a delivery.
 *
 * @param recipient the idempotency key of this copy (the normalized final recipient address)
 * @param accountId the account that receives the copy
 * @param mailboxName the mailbox it goes to (INBOX, or Junk by policy)
 * @param tracePrefix header lines of this copy only ({@code Return-Path:}, {@code Delivered-To:}), stored
 *        with the mailbox entry in front of the shared content; null for none
 */
public record DeliveryTarget(String recipient, long accountId, String mailboxName, byte[] tracePrefix) {

    /** A copy without per-recipient trace fields. */
    public DeliveryTarget(String recipient, long accountId, String mailboxName) {
        this(recipient, accountId, mailboxName, null);
    }
}
