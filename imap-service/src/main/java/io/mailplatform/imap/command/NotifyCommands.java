package io.mailplatform.imap.command;

import io.mailplatform.imap.fetch.FetchItem;
import java.util.List;

/** NOTIFY (RFC 5465 §3), valid in the authenticated and selected states. */
public final class NotifyCommands {
    private NotifyCommands() {
    }

    /**
     * One event group as sent: the filter ({@code selected}, {@code subtree} ...), its mailboxes as the
     * client wrote them, and the event names (empty for NONE).
     *
     * @param messageNewItems the fetch attributes that came with MessageNew (RFC 5465 §5.2), empty for none
     */
    public record EventGroup(String filter, List<String> mailboxes, List<String> events, List<FetchItem> messageNewItems) {
        public EventGroup {
            mailboxes = List.copyOf(mailboxes);
            events = List.copyOf(events);
            messageNewItems = List.copyOf(messageNewItems);
        }
    }

    /** NOTIFY NONE (no groups) or NOTIFY SET [STATUS] groups. */
    public record Notify(String tag, boolean status, List<EventGroup> groups) implements ImapCommand {
        public Notify {
            groups = List.copyOf(groups);
        }

        public boolean none() {
            return groups.isEmpty();
        }
    }
}
