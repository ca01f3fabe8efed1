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
 * @param size RFC822.SIZE, the exact octet count of the stored content
 */
public record MessageMeta(long uid, long contentId, long modSeq, MessageFlags flags, Instant internalDate, int size) {
}
