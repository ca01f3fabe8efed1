package io.mailplatform.store.mailbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One message of a delivery batch: its content, stored once, and where its copies go.
 *
 * @param envelopeId the envelope id, first half of every copy's idempotency key
 * @param raw the content shared by every copy (trace fields common to all recipients included)
 * @param internalDate the INTERNALDATE of the local copies
 * @param localCopies one per local recipient account
 * @param remoteCopies one per remote recipient, for the outbound relay queue
 */
public record InboundMessage(String envelopeId, byte[] raw, Instant internalDate, List<LocalCopy> localCopies,
        List<RemoteCopy> remoteCopies) {

    public InboundMessage {
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(internalDate, "internalDate");
        localCopies = List.copyOf(localCopies);
        remoteCopies = List.copyOf(remoteCopies);
    }

    /**
     * A copy for a local account.
     *
     * @param recipient the idempotency key (normalized final address)
     * @param accountId the receiving account
     * @param mailboxName the target mailbox; INBOX when the account has no mailbox of that name
     * @param tracePrefix header lines of this copy only, or null
     * @param flags initial flags and keywords
     * @param quotaBytes the account's quota, or null for unlimited
     * @param envelope the encoded envelope kept with a deferred copy, for its later DSN
     */
    public record LocalCopy(String recipient, long accountId, String mailboxName, byte[] tracePrefix, MessageFlags flags,
            Long quotaBytes, byte[] envelope) {
    }

    /**
     * A copy for the outbound relay queue.
     *
     * @param recipient the forward path at the remote MX (also the idempotency key)
     * @param domain the recipient's domain
     * @param reversePath the MAIL FROM to use, "" for the null reverse-path
     * @param envelope the encoded envelope (DSN parameters, SMTPUTF8, BODY)
     */
    public record RemoteCopy(String recipient, String domain, String reversePath, byte[] envelope) {
    }
}
