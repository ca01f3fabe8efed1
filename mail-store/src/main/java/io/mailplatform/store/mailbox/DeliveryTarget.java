package io.mailplatform.store.mailbox;

/**
 * One local recipient of a delivery.
 *
 * @param recipient the idempotency key of this copy (the normalized final recipient address)
 * @param accountId the account that receives the copy
 * @param mailboxName the mailbox it goes to (INBOX, or Junk by policy)
 */
public record DeliveryTarget(String recipient, long accountId, String mailboxName) {
}
