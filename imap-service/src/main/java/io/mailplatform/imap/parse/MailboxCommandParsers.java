package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.MailboxCommands;
import io.mailplatform.imap.command.MailboxCommands.StatusItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SELECT, EXAMINE (with the RFC 7162 parameters), CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE, STATUS, APPEND, NAMESPACE and IDLE. */
final class MailboxCommandParsers {
    private MailboxCommandParsers() {
    }

    static void register(Map<String, CommandParser> table, SequenceSetParser sets) {
        for (boolean readOnly : new boolean[] {false, true}) {
            table.put(readOnly ? "EXAMINE" : "SELECT", (tag, c) -> {
                String mailbox = spMailbox(c);
                CondStoreParsers.SelectParameters parameters = CondStoreParsers.selectParameters(c, sets);
                return new MailboxCommands.Select(tag, mailbox, readOnly, parameters.condstore(), parameters.qresync());
            });
        }
        table.put("CREATE", (tag, c) -> new MailboxCommands.Create(tag, spMailbox(c)));
        table.put("DELETE", (tag, c) -> new MailboxCommands.Delete(tag, spMailbox(c)));
        table.put("RENAME", (tag, c) -> new MailboxCommands.Rename(tag, spMailbox(c), spMailbox(c)));
        table.put("SUBSCRIBE", (tag, c) -> new MailboxCommands.Subscribe(tag, spMailbox(c)));
        table.put("UNSUBSCRIBE", (tag, c) -> new MailboxCommands.Unsubscribe(tag, spMailbox(c)));
        table.put("NAMESPACE", (tag, c) -> new MailboxCommands.Namespace(tag));
        table.put("IDLE", (tag, c) -> new MailboxCommands.Idle(tag));
        table.put("STATUS", (tag, c) -> {
            String mailbox = spMailbox(c);
            c.sp();
            return new MailboxCommands.Status(tag, mailbox, statusItems(c));
        });
        table.put("APPEND", MailboxCommandParsers::append);
    }

    /** SP mailbox: {@code "INBOX" / astring} (INBOX in any case is INBOX; the processor folds it). */
    static String spMailbox(ImapCursor c) {
        c.sp();
        return c.astring();
    }

    /** {@code "(" status-att *(SP status-att) ")"}. */
    static List<StatusItem> statusItems(ImapCursor c) {
        c.expect('(');
        List<StatusItem> items = new ArrayList<>();
        do {
            String name = c.keyword();
            StatusItem item = StatusItem.fromWire(name);
            if (item == null) {
                throw c.error("Unknown STATUS item " + name);
            }
            if (!items.contains(item)) {
                items.add(item);
            }
        } while (c.space());
        c.expect(')');
        return items;
    }

    /** {@code "(" [flag *(SP flag)] ")"}; flag = "\" atom / atom. */
    static List<String> flagList(ImapCursor c) {
        c.expect('(');
        List<String> flags = new ArrayList<>();
        if (c.take(')')) {
            return flags;
        }
        do {
            flags.add(flag(c));
        } while (c.space());
        c.expect(')');
        return flags;
    }

    static String flag(ImapCursor c) {
        if (c.take('\\')) {
            return "\\" + c.atom();
        }
        return c.atom();
    }

    /**
     * {@code APPEND SP mailbox 1*append-message} with {@code append-message = SP [flag-list SP] [date-time SP]
     * literal} (RFC 3502 §6, MULTIAPPEND): one message is an {@link MailboxCommands.Append}, several a
     * {@link MailboxCommands.MultiAppend}.
     */
    private static io.mailplatform.imap.command.ImapCommand append(String tag, ImapCursor c) {
        String mailbox = spMailbox(c);
        List<MailboxCommands.Append> messages = new ArrayList<>();
        c.sp();
        messages.add(appendMessage(tag, mailbox, c));
        while (c.space()) {
            messages.add(appendMessage(tag, mailbox, c));
        }
        return messages.size() == 1 ? messages.get(0) : new MailboxCommands.MultiAppend(tag, mailbox, messages);
    }

    /**
     * {@code [flag-list SP] [date-time SP] append-data}: a literal, a literal8 (RFC 3516 §4.4) or
     * {@code UTF8 (literal8)} (RFC 6855 §4).
     */
    private static MailboxCommands.Append appendMessage(String tag, String mailbox, ImapCursor c) {
        List<String> flags = List.of();
        if (c.peek() == '(') {
            flags = flagList(c);
            c.sp();
        }
        Instant date = null;
        if (c.peek() == '"') {
            date = DateParser.dateTime(c);
            c.sp();
        }
        if (c.takeKeyword("UTF8")) {
            // RFC 6855 §4: "UTF8" SP "(" literal8 ")"; whether UTF8=ACCEPT is enabled is the processor's question
            c.sp();
            c.expect('(');
            if (c.peek() != '~') {
                throw c.error("The UTF8 data item takes a literal8 (~{n})");
            }
            byte[] message = c.literal();
            c.expect(')');
            return new MailboxCommands.Append(tag, mailbox, flags, date, message, MailboxCommands.AppendData.UTF8);
        }
        if (c.peek() != '{' && c.peek() != '~') {
            throw c.error("APPEND needs the message as a literal");
        }
        boolean binary = c.peek() == '~';
        MailboxCommands.Append append = new MailboxCommands.Append(tag, mailbox, flags, date, c.literal(),
                binary ? MailboxCommands.AppendData.LITERAL8 : MailboxCommands.AppendData.LITERAL);
        if (!binary && append.holdsNul()) {
            // RFC 9051 §9: a literal is CHAR8, %x01-ff; NUL octets need a literal8 (RFC 3516)
            throw c.error("A literal cannot hold NUL octets; send binary content as a literal8 (~{n})");
        }
        return append;
    }
}
