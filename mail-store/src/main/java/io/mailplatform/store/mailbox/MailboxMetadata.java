package io.mailplatform.store.mailbox;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The METADATA entries of an account (RFC 5464): server entries ({@code mailbox} null) and mailbox
 * entries. They hang on the mailbox row, so a renamed mailbox keeps them and a deleted one takes
 * them along. Entry names are the caller's to validate and lower-case.
 *
 * <p>On a mailbox another account shares, {@code /shared/} entries are the mailbox's owner's (every
 * account with access sees the same ones, and they count against the owner's limit) while
 * {@code /private/} entries stay the reader's own (RFC 5464 §3: private entries are per user). On
 * the account's own mailboxes and the server both are the account's.
 */
@Service
public class MailboxMetadata {
    private static final String SHARED = "/shared/";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public MailboxMetadata(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * What {@code accountId} sees of the server ({@code mailbox} null) or of a mailbox, in name order:
     * its private entries and the owner's shared ones.
     */
    public List<MetadataEntry> entries(long accountId, Mailbox mailbox) {
        return jdbc.sql("""
                SELECT entry, value FROM metadata_entries
                WHERE COALESCE(mailbox_id, 0) = ?
                  AND ((account_id = ? AND NOT starts_with(entry, ?)) OR (account_id = ? AND starts_with(entry, ?)))
                ORDER BY entry""")
                .params(mailbox == null ? 0L : mailbox.id(), accountId, SHARED, owner(accountId, mailbox), SHARED)
                .query((rs, row) -> new MetadataEntry(rs.getString(1), rs.getBytes(2))).list();
    }

    /**
     * Sets and removes entries in one transaction: all or none (RFC 5464 §4.3); shared entries of a
     * shared mailbox are its owner's.
     *
     * @param maxEntries the most entries an account may have, server and mailboxes together
     * @throws MetadataLimitException if the account, or the owner, would have more entries than that
     * @throws MailboxNotFoundException if the mailbox was deleted meanwhile
     */
    public void set(long accountId, Mailbox mailbox, List<MetadataEntry> changes, int maxEntries) {
        long owner = owner(accountId, mailbox);
        transactions.executeWithoutResult(status -> {
            // both accounts' limits are read: locked in id order, so two writers never wait on each other
            AccountLimits.lock(jdbc, Math.min(accountId, owner));
            if (owner != accountId) {
                AccountLimits.lock(jdbc, Math.max(accountId, owner));
            }
            if (mailbox != null && jdbc.sql("SELECT id FROM mailboxes WHERE id = ? FOR SHARE").param(mailbox.id())
                    .query(Long.class).optional().isEmpty()) {
                throw new MailboxNotFoundException(mailbox.name());
            }
            Long mailboxId = mailbox == null ? null : mailbox.id();
            for (MetadataEntry change : changes) {
                long holder = change.name().startsWith(SHARED) ? owner : accountId;
                if (change.value() == null) {
                    jdbc.sql("DELETE FROM metadata_entries WHERE account_id = ? AND COALESCE(mailbox_id, 0) = ? AND entry = ?")
                            .params(holder, mailboxId == null ? 0L : mailboxId, change.name()).update();
                } else {
                    jdbc.sql("""
                            INSERT INTO metadata_entries (account_id, mailbox_id, entry, value) VALUES (?, ?, ?, ?)
                            ON CONFLICT (account_id, COALESCE(mailbox_id, 0), entry) DO UPDATE SET value = EXCLUDED.value""")
                            .params(holder, mailboxId, change.name(), change.value()).update();
                }
            }
            for (long holder : owner == accountId ? new long[] {accountId} : new long[] {accountId, owner}) {
                long count = jdbc.sql("SELECT count(*) FROM metadata_entries WHERE account_id = ?").param(holder)
                        .query(Long.class).single();
                if (count > maxEntries) {
                    throw new MetadataLimitException(maxEntries);
                }
            }
        });
    }

    /** Whose shared entries these are: the mailbox's owner; the account's own for the server. */
    private static long owner(long accountId, Mailbox mailbox) {
        return mailbox == null ? accountId : mailbox.accountId();
    }
}
