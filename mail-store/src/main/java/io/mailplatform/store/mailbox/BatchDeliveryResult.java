package io.mailplatform.store.mailbox;

import java.util.List;

/**
 * What a delivery batch did.
 *
 * @param stored copies stored in mailboxes
 * @param deferred local copies deferred because their account is over quota
 * @param queued remote copies put in the outbound queue
 * @param duplicates copies skipped because an earlier delivery of the same envelope handled them
 */
public record BatchDeliveryResult(List<StoredCopy> stored, List<DeferredCopy> deferred, List<QueuedCopy> queued,
        int duplicates) {

    /** A copy stored as UID {@code uid} of mailbox {@code mailboxId}. */
    public record StoredCopy(String envelopeId, String recipient, long mailboxId, long uid, long modSeq) {
    }

    /** A copy deferred (temporary failure, RFC 3463 4.2.2). */
    public record DeferredCopy(String envelopeId, String recipient, long accountId) {
    }

    /** A copy queued for the relay. */
    public record QueuedCopy(String envelopeId, String recipient) {
    }
}
