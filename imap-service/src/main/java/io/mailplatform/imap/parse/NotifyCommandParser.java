package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.NotifyCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NOTIFY (RFC 5465 §8 ABNF): {@code notify = "NOTIFY" SP (notify-set / notify-none)}, {@code
 * notify-set = "SET" [SP "STATUS"] SP event-groups}. Event names are kept as sent; the processor
 * knows which it supports (BADEVENT).
 */
final class NotifyCommandParser {
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
        boolean attributes = false;
        if (!c.takeKeyword("NONE")) {
            c.expect('(');
            do {
                String event = c.atom();
                events.add(event);
                if (event.equalsIgnoreCase("MessageNew") && c.peek() == ' ' && skipFetchAttributes(c)) {
                    attributes = true;
                }
            } while (c.space());
            c.expect(')');
        }
        c.expect(')');
        return new NotifyCommands.EventGroup(filter, mailboxes, events, attributes);
    }

    /** Skips {@code SP "(" fetch-att *(SP fetch-att) ")"} after MessageNew, if there; brackets nest. */
    private static boolean skipFetchAttributes(ImapCursor c) {
        String ahead = c.takeWhileNoAdvance(ch -> ch == ' ' || ch == '(');
        if (ahead.length() < 2 || ahead.charAt(1) != '(') {
            return false;
        }
        c.sp();
        int[] depth = {0};
        // takes octets up to the ")" that closes the list, which is taken too
        c.takeWhile(ch -> {
            if (depth[0] < 0) {
                return false;
            }
            depth[0] += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            if (depth[0] == 0) {
                depth[0] = -1;
            }
            return true;
        });
        if (depth[0] >= 0) {
            throw c.error("Unbalanced MessageNew fetch attributes");
        }
        return true;
    }
}
