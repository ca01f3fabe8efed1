package io.mailplatform.store.mailbox;

/**
 * The outcome of an APPEND: the mailbox's UIDVALIDITY and the new message's UID (RFC 4315 APPENDUID).
 *
 * @param recentAbove when the append claimed \Recent for the caller ({@link MailboxService#appendClaimingRecent}):
 *     the mailbox's recent UID before it, so UIDs above it up to {@code uid} are the caller's; -1 when it did not
 */
public record AppendResult(long mailboxId, long uidValidity, long uid, long modSeq, long recentAbove) {
    public AppendResult(long mailboxId, long uidValidity, long uid, long modSeq) {
        this(mailboxId, uidValidity, uid, modSeq, -1);
    }
}
