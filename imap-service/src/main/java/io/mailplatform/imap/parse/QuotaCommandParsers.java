package io.mailplatform.imap.parse;

import io.mailplatform.imap.command.QuotaCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GETQUOTA, GETQUOTAROOT and SETQUOTA (RFC 9208 §6 ABNF): {@code getquota = "GETQUOTA" SP
 * quota-root-name}, {@code getquotaroot = "GETQUOTAROOT" SP mailbox}, {@code setquota = "SETQUOTA" SP
 * quota-root-name SP setquota-list}.
 */
final class QuotaCommandParsers {
    private QuotaCommandParsers() {
    }

    static void register(Map<String, CommandParser> table) {
        table.put("GETQUOTA", (tag, c) -> new QuotaCommands.GetQuota(tag, MailboxCommandParsers.spMailbox(c)));
        table.put("GETQUOTAROOT", (tag, c) -> new QuotaCommands.GetQuotaRoot(tag, MailboxCommandParsers.spMailbox(c)));
        table.put("SETQUOTA", (tag, c) -> {
            String root = MailboxCommandParsers.spMailbox(c);
            c.sp();
            return new QuotaCommands.SetQuota(tag, root, setquotaList(c));
        });
    }

    /** {@code "(" [setquota-resource *(SP setquota-resource)] ")"}, {@code setquota-resource = resource-name SP number64}. */
    private static List<QuotaCommands.ResourceLimit> setquotaList(ImapCursor c) {
        c.expect('(');
        List<QuotaCommands.ResourceLimit> limits = new ArrayList<>();
        if (c.take(')')) {
            return limits;
        }
        do {
            String resource = c.keyword();
            c.sp();
            limits.add(new QuotaCommands.ResourceLimit(resource, c.number64()));
        } while (c.space());
        c.expect(')');
        return limits;
    }
}
