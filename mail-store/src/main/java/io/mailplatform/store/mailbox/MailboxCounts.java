package io.mailplatform.store.mailbox;

/**
 * Counts IMAP STATUS reports (RFC 9051 §6.3.11).
 *
 * @param messages MESSAGES
 * @param unseen UNSEEN: messages without \Seen
 * @param deleted DELETED: messages with \Deleted
 * @param size SIZE: the sum of RFC822.SIZE
 * @param recent RECENT (IMAP4rev1): messages not yet announced to any session
 * @param deletedSize DELETED-STORAGE (RFC 9208 §4.3): the sum of RFC822.SIZE of messages with \Deleted
 */
public record MailboxCounts(long messages, long unseen, long deleted, long size, long recent, long deletedSize) {
}
