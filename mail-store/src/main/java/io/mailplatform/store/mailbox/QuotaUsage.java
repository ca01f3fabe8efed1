package io.mailplatform.store.mailbox;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Octets and messages stored per account, for quota checks (STORAGE and MESSAGE, RFC 9208). The
 * accounts are locked first (in id order, before any mailbox row, the order every writer follows) so
 * that two writers cannot both see room for the last free octets or message.
 */
final class QuotaUsage {
    private QuotaUsage() {
    }

    /** What an account holds now. */
    record Usage(long bytes, long messages) {
        static final Usage NONE = new Usage(0, 0);

        Usage plus(long moreBytes, long moreMessages) {
            return new Usage(bytes + moreBytes, messages + moreMessages);
        }
    }

    /** An account's limits; a null is unlimited. */
    record Limits(Long bytes, Long messages) {
        boolean none() {
            return bytes == null && messages == null;
        }

        /** Whether adding to {@code used} stays within both limits. */
        boolean fit(Usage used, long moreBytes, long moreMessages) {
            return (bytes == null || used.bytes() + moreBytes <= bytes)
                    && (messages == null || used.messages() + moreMessages <= messages);
        }
    }

    /** Locks the accounts and returns what each holds now; accounts without messages are absent. */
    static Map<Long, Usage> lockAndMeasure(JdbcClient jdbc, long[] sortedAccountIds) {
        Map<Long, Usage> usage = new HashMap<>();
        if (sortedAccountIds.length == 0) {
            return usage;
        }
        jdbc.sql("SELECT id FROM accounts WHERE id = ANY(?) ORDER BY id FOR UPDATE").param(sortedAccountIds).query().listOfRows();
        jdbc.sql("""
                SELECT b.account_id, sum(m.size), count(*) FROM mailboxes b JOIN messages m ON m.mailbox_id = b.id
                WHERE b.account_id = ANY(?) GROUP BY b.account_id""").param(sortedAccountIds)
                .query((ResultSet rs, int n) -> usage.put(rs.getLong(1), new Usage(rs.getLong(2), rs.getLong(3)))).list();
        return usage;
    }

    /** The message limits of those of the accounts that have one. */
    static Map<Long, Long> messageLimits(JdbcClient jdbc, long[] accountIds) {
        Map<Long, Long> limits = new HashMap<>();
        jdbc.sql("SELECT id, quota_messages FROM accounts WHERE id = ANY(?) AND quota_messages IS NOT NULL")
                .param(accountIds).query((ResultSet rs, int n) -> limits.put(rs.getLong(1), rs.getLong(2))).list();
        return limits;
    }

    /**
     * Refuses to add {@code octets} in {@code messages} messages to an account over either quota
     * (none: no limit, and no lock). Runs inside the caller's transaction, before it touches any
     * mailbox row.
     */
    static void requireRoom(JdbcClient jdbc, long accountId, long octets, long messages) {
        Limits limits = jdbc.sql("SELECT quota_bytes, quota_messages FROM accounts WHERE id = ?").param(accountId)
                .query((rs, n) -> new Limits((Long) rs.getObject(1), (Long) rs.getObject(2))).optional()
                .orElse(new Limits(null, null));
        if (limits.none()) {
            return;
        }
        Usage used = lockAndMeasure(jdbc, new long[] {accountId}).getOrDefault(accountId, Usage.NONE);
        if (!limits.fit(used, octets, messages)) {
            throw limits.bytes() != null && used.bytes() + octets > limits.bytes()
                    ? new OverQuotaException(limits.bytes())
                    : new OverQuotaException("over the quota of " + limits.messages() + " messages");
        }
    }
}
