package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.MessageCommands;
import io.mailplatform.imap.command.SequenceSet;
import io.mailplatform.store.mailbox.FlagMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CHECK, CLOSE, UNSELECT, EXPUNGE, UID EXPUNGE, [UID] STORE, [UID] COPY and [UID] MOVE. */
final class MessageCommandParsers {
    private MessageCommandParsers() {
    }

    static void register(Map<String, CommandParser> table, SequenceSetParser sets) {
        table.put("CHECK", (tag, c) -> new MessageCommands.Check(tag));
        table.put("CLOSE", (tag, c) -> new MessageCommands.Close(tag));
        table.put("UNSELECT", (tag, c) -> new MessageCommands.Unselect(tag));
        table.put("EXPUNGE", (tag, c) -> new MessageCommands.Expunge(tag, null));
        table.put("UID EXPUNGE", (tag, c) -> {
            c.sp();
            return new MessageCommands.Expunge(tag, sets.sequenceSet(c));
        });
        for (boolean uid : new boolean[] {false, true}) {
            String prefix = uid ? "UID " : "";
            table.put(prefix + "STORE", (tag, c) -> store(tag, c, uid, sets));
            table.put(prefix + "COPY", (tag, c) -> {
                SequenceSet set = spSequenceSet(c, sets);
                return new MessageCommands.Copy(tag, uid, set, MailboxCommandParsers.spMailbox(c));
            });
            table.put(prefix + "MOVE", (tag, c) -> {
                SequenceSet set = spSequenceSet(c, sets);
                return new MessageCommands.Move(tag, uid, set, MailboxCommandParsers.spMailbox(c));
            });
        }
    }

    static SequenceSet spSequenceSet(ImapCursor c, SequenceSetParser sets) {
        c.sp();
        return sets.sequenceSet(c);
    }

    /**
     * {@code STORE SP sequence-set [SP store-modifiers] SP (["+" / "-"] "FLAGS" [".SILENT"]) SP
     * (flag-list / (flag *(SP flag)))}, store-modifiers of RFC 7162.
     */
    private static MessageCommands.Store store(String tag, ImapCursor c, boolean uid, SequenceSetParser sets) {
        SequenceSet set = spSequenceSet(c, sets);
        c.sp();
        Long unchangedSince = CondStoreParsers.storeModifiers(c);
        FlagMode mode = c.take('+') ? FlagMode.ADD : c.take('-') ? FlagMode.REMOVE : FlagMode.REPLACE;
        String item = c.keyword();
        boolean silent;
        if (item.equals("FLAGS")) {
            silent = false;
        } else if (item.equals("FLAGS.SILENT")) {
            silent = true;
        } else {
            throw c.error("Expected FLAGS, +FLAGS or -FLAGS, optionally with .SILENT");
        }
        c.sp();
        List<String> flags;
        if (c.peek() == '(') {
            flags = MailboxCommandParsers.flagList(c);
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(MailboxCommandParsers.flag(c));
            } while (c.space());
        }
        return new MessageCommands.Store(tag, uid, set, mode, silent, flags, unchangedSince);
    }
}
