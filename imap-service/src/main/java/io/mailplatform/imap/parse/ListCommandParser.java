package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.command.MailboxCommands.ListReturn;
import io.mailplatform.imap.command.MailboxCommands.ListSelection;
import io.mailplatform.imap.command.MailboxCommands.StatusItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * LIST in its basic and extended forms (RFC 9051 §6.3.9, RFC 5258 multiple patterns, RFC 5819
 * STATUS return option, RFC 6154 SPECIAL-USE options) and LSUB (RFC 3501 §6.3.9).
 */
final class ListCommandParser {
    private static final int MAX_PATTERNS = 100;

    private ListCommandParser() {
    }

    static void register(Map<String, CommandParser> table) {
        table.put("LIST", ListCommandParser::list);
        table.put("LSUB", (tag, c) -> {
            c.sp();
            String reference = c.astring();
            c.sp();
            return new MailboxCommands.Lsub(tag, reference, listMailbox(c));
        });
    }

    private static MailboxCommands.ListMailboxes list(String tag, ImapCursor c) {
        c.sp();
        boolean extended = false;
        List<ListSelection> selection = new ArrayList<>();
        if (c.peek() == '(') {
            extended = true;
            selection = selectionOptions(c);
            c.sp();
        }
        String reference = c.astring();
        c.sp();
        List<String> patterns = new ArrayList<>();
        if (c.take('(')) {
            extended = true;
            do {
                if (patterns.size() == MAX_PATTERNS) {
                    throw c.error("Too many patterns");
                }
                patterns.add(listMailbox(c));
            } while (c.space());
            c.expect(')');
        } else {
            patterns.add(listMailbox(c));
        }
        List<ListReturn> returns = new ArrayList<>();
        List<StatusItem> status = new ArrayList<>();
        if (c.space()) {
            extended = true;
            if (!c.takeKeyword("RETURN")) {
                throw c.error("Expected RETURN");
            }
            c.sp();
            returnOptions(c, returns, status);
        }
        return new MailboxCommands.ListMailboxes(tag, selection, reference, patterns, returns, status, extended);
    }

    /** {@code list-mailbox = 1*list-char / string}. */
    static String listMailbox(ImapCursor c) {
        int first = c.peek();
        if (first == '"' || first == '{') {
            return c.string();
        }
        String pattern = c.takeWhile(ImapCursor::isListChar);
        if (pattern.isEmpty()) {
            throw c.error("Expected a mailbox pattern");
        }
        return pattern;
    }

    private static List<ListSelection> selectionOptions(ImapCursor c) {
        c.expect('(');
        List<ListSelection> options = new ArrayList<>();
        if (!c.take(')')) {
            do {
                String name = c.keyword();
                ListSelection option = switch (name) {
                    case "SUBSCRIBED" -> ListSelection.SUBSCRIBED;
                    case "REMOTE" -> ListSelection.REMOTE;
                    case "RECURSIVEMATCH" -> ListSelection.RECURSIVEMATCH;
                    case "SPECIAL-USE" -> ListSelection.SPECIAL_USE;
                    default -> throw c.error("Unknown LIST selection option " + name);
                };
                if (!options.contains(option)) {
                    options.add(option);
                }
            } while (c.space());
            c.expect(')');
        }
        // RFC 9051 §6.3.9.1: RECURSIVEMATCH needs a base option (SUBSCRIBED or SPECIAL-USE)
        if (options.contains(ListSelection.RECURSIVEMATCH) && !options.contains(ListSelection.SUBSCRIBED)
                && !options.contains(ListSelection.SPECIAL_USE)) {
            throw c.error("RECURSIVEMATCH needs another selection option");
        }
        return options;
    }

    private static void returnOptions(ImapCursor c, List<ListReturn> returns, List<StatusItem> status) {
        c.expect('(');
        if (c.take(')')) {
            return;
        }
        do {
            String name = c.keyword();
            switch (name) {
                case "SUBSCRIBED" -> add(returns, ListReturn.SUBSCRIBED);
                case "CHILDREN" -> add(returns, ListReturn.CHILDREN);
                case "SPECIAL-USE" -> add(returns, ListReturn.SPECIAL_USE);
                case "MYRIGHTS" -> add(returns, ListReturn.MYRIGHTS);
                case "STATUS" -> {
                    c.sp();
                    for (StatusItem item : MailboxCommandParsers.statusItems(c)) {
                        add(status, item);
                    }
                }
                default -> throw c.error("Unknown LIST return option " + name);
            }
        } while (c.space());
        c.expect(')');
    }

    private static <T> void add(List<T> list, T value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
