package io.mailplatform.store.mailbox;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Octets stored per account, for quota checks. The accounts are locked first (in id order, before
 * any mailbox row, the order every writer follows) so that two writers cannot both see room for
 * the last free octets.
 */
final class QuotaUsage {
    private QuotaUsage() {
    }

    /** Locks the accounts and returns the octets each uses now; accounts without messages are absent. */
    static Map<Long, Long> lockAndMeasure(JdbcClient jdbc, long[] sortedAccountIds) {
        Map<Long, Long> usage = new HashMap<>();
        if (sortedAccountIds.length == 0) {
            return usage;
        }
        jdbc.sql("SELECT id FROM accounts WHERE id = ANY(?) ORDER BY id FOR UPDATE").param(sortedAccountIds).query().listOfRows();
        jdbc.sql("""
                SELECT b.account_id, sum(m.size) FROM mailboxes b JOIN messages m ON m.mailbox_id = b.id
                WHERE b.account_id = ANY(?) GROUP BY b.account_id""").param(sortedAccountIds)
                .query((ResultSet rs, int n) -> usage.put(rs.getLong(1), rs.getLong(2))).list();
        return usage;
    }

    /**
     * Refuses to add {@code octets} to an account over its quota (none: no limit, and no lock).
     * Runs inside the caller's transaction, before it touches any mailbox row.
     */
    static void requireRoom(JdbcClient jdbc, long accountId, long octets) {
        Long quota = jdbc.sql("SELECT quota_bytes FROM accounts WHERE id = ?").param(accountId)
                .query((rs, n) -> (Long) rs.getObject(1)).optional().orElse(null);
        if (quota == null) {
            return;
        }
        long used = lockAndMeasure(jdbc, new long[] {accountId}).getOrDefault(accountId, 0L);
        if (used + octets > quota) {
            throw new OverQuotaException(quota);
        }
    }
}
