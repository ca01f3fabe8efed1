package io.mailplatform.store.event;

import java.util.List;

/**
 * A change notice on {@code mailbox.events}, keyed by account. Events are hints: a reader re-reads
 * the store, so a lost or duplicated event never corrupts a session (DESIGN.md).
 *
 * @param type what happened
 * @param accountId the owner of the mailbox
 * @param mailboxId the mailbox, 0 for account-wide changes
 * @param mailboxName the mailbox name (the new name after a rename)
 * @param modSeq the mailbox's HIGHESTMODSEQ after the change
 * @param uids the UIDs concerned (appended, changed or expunged), possibly empty
 * @param origin an id of the process that made the change, so it can skip its own echo
 */
public record MailboxEvent(Type type, long accountId, long mailboxId, String mailboxName, long modSeq, List<Long> uids,
        String origin) {

    public MailboxEvent {
        uids = uids == null ? List.of() : List.copyOf(uids);
    }

    public enum Type {
        MESSAGES_ADDED,
        FLAGS_CHANGED,
        MESSAGES_EXPUNGED,
        MAILBOX_CREATED,
        MAILBOX_RENAMED,
        MAILBOX_DELETED,
        /** A name was subscribed or unsubscribed (mailbox id 0: the name need not be a mailbox). */
        SUBSCRIPTIONS_CHANGED,
        /**
         * The mailbox's ACL changed (SETACL, DELETEACL): sessions of other accounts that have it selected
         * read their rights again at once (RFC 4314). Keyed by the owner, like every event of the mailbox.
         */
        ACL_CHANGED
    }
}
