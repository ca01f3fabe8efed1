package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.NotifyCommands;
import io.mailplatform.imap.fetch.FetchItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NOTIFY (RFC 5465 §8 ABNF): {@code notify = "NOTIFY" SP (notify-set / notify-none)}, {@code
 * notify-set = "SET" [SP "STATUS"] SP event-groups}. Event names are kept as sent; the processor
 * knows which it supports (BADEVENT), and where MessageNew's fetch attributes may go.
 */
final class NotifyCommandParser {
    private static final int MAX_FETCH_ATTRIBUTES = 100;

    private NotifyCommandParser() {
    }

    static void register(Map<String, CommandParser> table) {
        table.put("NOTIFY", (tag, c) -> {
            c.sp();
            if (c.takeKeyword("NONE")) {
                return new NotifyCommands.Notify(tag, false, List.of());
            }
            if (!c.takeKeyword("SET")) {
                throw c.error("Expected NOTIFY SET or NOTIFY NONE");
            }
            c.sp();
            boolean status = c.takeKeyword("STATUS");
            if (status) {
                c.sp();
            }
            List<NotifyCommands.EventGroup> groups = new ArrayList<>();
            do {
                groups.add(eventGroup(c));
            } while (c.space());
            return new NotifyCommands.Notify(tag, status, groups);
        });
    }

    /** {@code event-group = "(" filter-mailboxes SP events ")"}. */
    private static NotifyCommands.EventGroup eventGroup(ImapCursor c) {
        c.expect('(');
        String filter = c.takeWhile(ch -> ch != ' ' && ch != ')').toLowerCase(Locale.ROOT);
        List<String> mailboxes = new ArrayList<>();
        switch (filter) {
            case "selected", "selected-delayed", "inboxes", "personal", "subscribed" -> {
            }
            case "subtree", "mailboxes" -> {
                c.sp();
                if (c.take('(')) {
                    do {
                        mailboxes.add(c.astring());
                    } while (c.space());
                    c.expect(')');
                } else {
                    mailboxes.add(c.astring());
                }
            }
            default -> throw c.error("Unknown NOTIFY filter " + filter);
        }
        c.sp();
        List<String> events = new ArrayList<>();
        List<FetchItem> items = new ArrayList<>();
        if (!c.takeKeyword("NONE")) {
            c.expect('(');
            do {
                String event = c.atom();
                events.add(event);
                if (event.equalsIgnoreCase("MessageNew") && c.takePrefix(" (")) {
                    items.addAll(fetchAttributes(c));
                }
            } while (c.space());
            c.expect(')');
        }
        c.expect(')');
        return new NotifyCommands.EventGroup(filter, mailboxes, events, items);
    }

    /**
     * {@code fetch-att *(SP fetch-att) ")"} after {@code MessageNew SP "("}: FETCH's own attributes
     * ({@link FetchCommandParser#fetchAtt}), not its macros ALL, FAST and FULL (RFC 5465 §8).
     */
    private static List<FetchItem> fetchAttributes(ImapCursor c) {
        List<FetchItem> items = new ArrayList<>();
        do {
            if (items.size() == MAX_FETCH_ATTRIBUTES) {
                throw c.error("Too many MessageNew fetch attributes");
            }
            items.add(FetchCommandParser.fetchAtt(c));
        } while (c.space());
        c.expect(')');
        return items;
    }
}
