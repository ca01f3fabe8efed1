package io.mailplatform.imap.notify;

import io.mailplatform.store.event.MailboxEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session's pending NOTIFY notices (RFC 5465), filled from {@code mailbox.events} on the consumer's
 * thread and drained by the session. Notices coalesce per mailbox and kind: ten new messages in one
 * mailbox are one STATUS, read from the store when it is sent. More distinct notices than the bound
 * overflow: the queue empties and the session gets {@code [NOTIFICATIONOVERFLOW]} (§5.8).
 */
public final class NotifyQueue {
    /** What to tell the client about one mailbox. */
    public enum Kind {
        /** STATUS (messages or flags changed). */
        STATUS,
        /** LIST: created, renamed or deleted. */
        NAME,
        /** LIST with or without \Subscribed. */
        SUBSCRIPTION
    }

    /** One pending notice; {@code mailboxName} is the name when the event was read. */
    public record Notice(Kind kind, long mailboxId, String mailboxName, boolean deleted) {
    }

    private final NotifySpec spec;
    private final int maxQueued;
    private final Map<String, Notice> pending = new LinkedHashMap<>();
    private boolean overflowed;

    public NotifyQueue(NotifySpec spec, int maxQueued) {
        this.spec = spec;
        this.maxQueued = maxQueued;
    }

    public NotifySpec spec() {
        return spec;
    }

    /**
     * Queues what the event means for this session.
     *
     * @param selectedId the selected mailbox (reported as without NOTIFY), or -1
     * @return whether a notice was queued
     */
    public synchronized boolean offer(MailboxEvent event, long selectedId) {
        if (overflowed || (event.mailboxId() == selectedId && event.mailboxId() != 0)) {
            return false;
        }
        Set<NotifyEvent> wanted = spec.eventsFor(event.mailboxName());
        Notice notice = switch (event.type()) {
            case MESSAGES_ADDED -> wanted.contains(NotifyEvent.MESSAGE_NEW) ? status(event) : null;
            case MESSAGES_EXPUNGED -> wanted.contains(NotifyEvent.MESSAGE_EXPUNGE) ? status(event) : null;
            case FLAGS_CHANGED -> wanted.contains(NotifyEvent.FLAG_CHANGE) ? status(event) : null;
            case MAILBOX_CREATED, MAILBOX_RENAMED, MAILBOX_DELETED -> wanted.contains(NotifyEvent.MAILBOX_NAME)
                    ? new Notice(Kind.NAME, event.mailboxId(), event.mailboxName(),
                            event.type() == MailboxEvent.Type.MAILBOX_DELETED)
                    : null;
            case SUBSCRIPTIONS_CHANGED -> wanted.contains(NotifyEvent.SUBSCRIPTION_CHANGE)
                    ? new Notice(Kind.SUBSCRIPTION, 0, event.mailboxName(), false) : null;
            // rights matter to sessions of other accounts (SelectedRights); NOTIFY covers own mailboxes only
            case ACL_CHANGED -> null;
        };
        if (notice == null) {
            return false;
        }
        pending.put(notice.kind() + "\0" + notice.mailboxId() + "\0" + notice.mailboxName(), notice);
        if (pending.size() > maxQueued) {
            pending.clear();
            overflowed = true;
        }
        return true;
    }

    private static Notice status(MailboxEvent event) {
        return new Notice(Kind.STATUS, event.mailboxId(), event.mailboxName(), false);
    }

    /** Takes the pending notices. */
    public synchronized List<Notice> drain() {
        List<Notice> notices = List.copyOf(pending.values());
        pending.clear();
        return notices;
    }

    /** Whether the bound was exceeded; the session then turns NOTIFY off. */
    public synchronized boolean overflowed() {
        return overflowed;
    }
}
