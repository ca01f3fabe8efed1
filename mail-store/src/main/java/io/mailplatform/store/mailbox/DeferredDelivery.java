package io.mailplatform.store.mailbox;

import java.time.Instant;

/**
 * A local copy waiting for a retry (its account was over quota).
 *
 * @param id row id
 * @param envelopeId the envelope it belongs to
 * @param recipient the final local address
 * @param accountId the receiving account
 * @param quotaBytes the account's current quota, or null for unlimited
 * @param mailboxName the target mailbox
 * @param contentId the stored content
 * @param contentSize octets of the content
 * @param tracePrefix the copy's trace fields, or null
 * @param flags initial flags
 * @param internalDate the INTERNALDATE it will get
 * @param envelope the encoded envelope, for the DSN when retries run out
 * @param createdAt when the first attempt failed
 * @param attempts attempts so far
 * @param lastError why the last attempt failed
 */
public record DeferredDelivery(long id, String envelopeId, String recipient, long accountId, Long quotaBytes,
        String mailboxName, long contentId, int contentSize, byte[] tracePrefix, MessageFlags flags, Instant internalDate,
        byte[] envelope, Instant createdAt, int attempts, String lastError) {
}
