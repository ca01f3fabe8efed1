package io.mailplatform.store.mailbox;

import java.time.Instant;

/**
 * What the store knows about one message in one mailbox, without its content.
 *
 * @param uid the UID in its mailbox
 * @param contentId the shared content row
 * @param modSeq the MODSEQ of the last change
 * @param flags system flags and keywords
 * @param internalDate the INTERNALDATE
 * @param size RFC822.SIZE, the exact octet count a client sees: trace prefix plus stored content
 * @param prefixLength octets of this entry's trace prefix ({@code Return-Path:}, {@code Delivered-To:})
 *        before the shared content, 0 when none; offsets in the content's stored summary are relative
 *        to the content, so a reader adds this to map them into the message it serves
 * @param saveDate when the message was saved in this mailbox (RFC 8514 SAVEDATE), or null when not known
 *        (saved before the store kept it)
 * @param threadId the thread the message belongs to (migration V51), the same for every message of the thread
 *        in the account; 0 when not read ({@link ObjectIds} turns it into RFC 8474's THREADID)
 */
public record MessageMeta(long uid, long contentId, long modSeq, MessageFlags flags, Instant internalDate, int size,
        int prefixLength, Instant saveDate, long threadId) {

    /** An entry whose thread was not read. */
    public MessageMeta(long uid, long contentId, long modSeq, MessageFlags flags, Instant internalDate, int size,
            int prefixLength, Instant saveDate) {
        this(uid, contentId, modSeq, flags, internalDate, size, prefixLength, saveDate, 0);
    }

    /** An entry whose save date is not known. */
    public MessageMeta(long uid, long contentId, long modSeq, MessageFlags flags, Instant internalDate, int size,
            int prefixLength) {
        this(uid, contentId, modSeq, flags, internalDate, size, prefixLength, null);
    }

    /** An entry without trace prefix. */
    public MessageMeta(long uid, long contentId, long modSeq, MessageFlags flags, Instant internalDate, int size) {
        this(uid, contentId, modSeq, flags, internalDate, size, 0);
    }
}
