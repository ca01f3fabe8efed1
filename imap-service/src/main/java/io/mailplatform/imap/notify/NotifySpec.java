package io.mailplatform.imap.notify;

import io.mailplatform.imap.fetch.FetchItem;
import java.util.List;
import java.util.Set;

/**
 * What a client asked for with NOTIFY SET (RFC 5465 §3): event groups, each a mailbox filter and the
 * events wanted there.
 *
 * @param status whether STATUS of the filtered mailboxes is sent at once (the STATUS indicator)
 * @param newMessageItems the fetch attributes of the selected mailbox's {@code MessageNew} (RFC 5465
 *        §5.2): sent in a FETCH response for each new message after EXISTS; empty for none
 */
public record NotifySpec(boolean status, List<EventGroup> groups, List<FetchItem> newMessageItems) {
    public NotifySpec {
        groups = List.copyOf(groups);
        newMessageItems = List.copyOf(newMessageItems);
    }

    /** Which mailboxes a group covers (RFC 5465 §6). */
    public enum FilterKind {
        SELECTED, SELECTED_DELAYED, PERSONAL, INBOXES, SUBTREE, MAILBOXES
    }

    /**
     * One event group; {@code mailboxes} (UTF-8 names) for SUBTREE and MAILBOXES; no events means NONE.
     */
    public record EventGroup(FilterKind filter, List<String> mailboxes, Set<NotifyEvent> events) {
        public EventGroup {
            mailboxes = List.copyOf(mailboxes);
            events = Set.copyOf(events);
        }

        /** Whether the group covers a mailbox other than the selected one. */
        public boolean covers(String name) {
            return switch (filter) {
                case SELECTED, SELECTED_DELAYED -> false;
                case PERSONAL -> true;
                case INBOXES -> name.equals("INBOX");
                case SUBTREE -> mailboxes.stream().anyMatch(root -> name.equals(root) || name.startsWith(root + "/"));
                case MAILBOXES -> mailboxes.contains(name);
            };
        }
    }

    /** The events wanted for a mailbox other than the selected one; the first group that covers it decides (§6). */
    public Set<NotifyEvent> eventsFor(String name) {
        for (EventGroup group : groups) {
            if (group.covers(name)) {
                return group.events();
            }
        }
        return Set.of();
    }
}
