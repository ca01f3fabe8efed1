package io.mailplatform.store.mailbox;

import io.mailplatform.store.mailbox.AccountLimitException.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Enforces the per-account caps of {@code mail.store.limits} exactly: a writer that may add
 * mailboxes, subscriptions or keywords first locks the account row (before any mailbox row, the
 * order quota checks follow too), adds, then counts and rolls back if the count is above the cap.
 * Concurrent writers to one account therefore take turns and can never overshoot a cap together.
 */
final class AccountLimits {
    private AccountLimits() {
    }

    /**
     * Locks the account against other capped writers until the transaction ends. NO KEY UPDATE: rows
     * that merely refer to the account (new mailboxes, maildrop locks) are not held up.
     */
    static void lock(JdbcClient jdbc, long accountId) {
        jdbc.sql("SELECT id FROM accounts WHERE id = ? FOR NO KEY UPDATE").param(accountId).query().listOfRows();
    }

    /** Refuses (and so rolls back the caller's transaction) when the account now has more than {@code max}. */
    static void requireAtMost(JdbcClient jdbc, Limit limit, long accountId, int max) {
        String table = switch (limit) {
            case MAILBOXES -> "mailboxes";
            case SUBSCRIPTIONS -> "subscriptions";
            case KEYWORDS -> "account_keywords";
        };
        long count = jdbc.sql("SELECT count(*) FROM " + table + " WHERE account_id = ?").param(accountId)
                .query(Long.class).single();
        if (count > max) {
            throw new AccountLimitException(limit, max);
        }
    }
}
