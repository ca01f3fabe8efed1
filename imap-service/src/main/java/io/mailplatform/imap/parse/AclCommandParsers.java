package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.AclCommands;
import java.util.Map;

/**
 * SETACL, DELETEACL, GETACL, LISTRIGHTS and MYRIGHTS (RFC 4314 §4 ABNF): a mailbox, then
 * {@code identifier = astring} and {@code mod-rights = astring} where the command takes them.
 */
final class AclCommandParsers {
    private AclCommandParsers() {
    }

    static void register(Map<String, CommandParser> table) {
        table.put("SETACL", (tag, c) -> {
            String mailbox = MailboxCommandParsers.spMailbox(c);
            String identifier = spAstring(c);
            return new AclCommands.SetAcl(tag, mailbox, identifier, spAstring(c));
        });
        table.put("DELETEACL", (tag, c) -> new AclCommands.DeleteAcl(tag, MailboxCommandParsers.spMailbox(c), spAstring(c)));
        table.put("GETACL", (tag, c) -> new AclCommands.GetAcl(tag, MailboxCommandParsers.spMailbox(c)));
        table.put("LISTRIGHTS", (tag, c) -> new AclCommands.ListRights(tag, MailboxCommandParsers.spMailbox(c), spAstring(c)));
        table.put("MYRIGHTS", (tag, c) -> new AclCommands.MyRights(tag, MailboxCommandParsers.spMailbox(c)));
    }

    private static String spAstring(ImapCursor c) {
        c.sp();
        return c.astring();
    }
}
