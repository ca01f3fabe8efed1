package io.mailplatform.store.relay;

import java.time.Instant;

/**
 * A row of the outbound queue leased by one relay instance.
 *
 * @param id row id
 * @param envelopeId the envelope it belongs to
 * @param reversePath the MAIL FROM to send (an SRS address for forwarded copies), empty for the null path
 * @param recipient the forward path at the remote server
 * @param domain the recipient's domain
 * @param contentId the stored message
 * @param envelope the encoded envelope (EnvelopeCodec): the sender DSNs go to, NOTIFY, ORCPT, RET, ENVID
 * @param createdAt when it was queued; the retry period counts from here
 * @param attempts attempts so far
 * @param delayReported whether the delay warning went out
 * @param bounceRequested an operator deleted it with a report to the sender: not to be sent, but
 *        reported as failed and removed (by the relay, through its report path)
 */
public record QueuedRecipient(long id, String envelopeId, String reversePath, String recipient, String domain,
        long contentId, byte[] envelope, Instant createdAt, int attempts, boolean delayReported,
        boolean bounceRequested) {
}
