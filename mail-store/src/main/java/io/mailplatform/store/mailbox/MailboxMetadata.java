package io.mailplatform.store.mailbox;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The METADATA entries of an account (RFC 5464): server entries ({@code mailbox} null) and mailbox
 * entries. They hang on the mailbox row, so a renamed mailbox keeps them and a deleted one takes
 * them along. Entry names are the caller's to validate and lower-case.
 */
@Service
public class MailboxMetadata {
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public MailboxMetadata(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Every entry of the server ({@code mailbox} null) or of a mailbox, in name order. */
    public List<MetadataEntry> entries(long accountId, Mailbox mailbox) {
        return jdbc.sql("""
                SELECT entry, value FROM metadata_entries
                WHERE account_id = ? AND COALESCE(mailbox_id, 0) = ? ORDER BY entry""")
                .params(accountId, mailbox == null ? 0L : mailbox.id())
                .query((rs, row) -> new MetadataEntry(rs.getString(1), rs.getBytes(2))).list();
    }

    /**
     * Sets and removes entries in one transaction: all or none (RFC 5464 §4.3).
     *
     * @param maxEntries the most entries the account may have, server and mailboxes together
     * @throws MetadataLimitException if the account would have more entries than that
     * @throws MailboxNotFoundException if the mailbox was deleted meanwhile
     */
    public void set(long accountId, Mailbox mailbox, List<MetadataEntry> changes, int maxEntries) {
        transactions.executeWithoutResult(status -> {
            AccountLimits.lock(jdbc, accountId);
            if (mailbox != null && jdbc.sql("SELECT id FROM mailboxes WHERE id = ? FOR SHARE").param(mailbox.id())
                    .query(Long.class).optional().isEmpty()) {
                throw new MailboxNotFoundException(mailbox.name());
            }
            Long mailboxId = mailbox == null ? null : mailbox.id();
            for (MetadataEntry change : changes) {
                if (change.value() == null) {
                    jdbc.sql("DELETE FROM metadata_entries WHERE account_id = ? AND COALESCE(mailbox_id, 0) = ? AND entry = ?")
                            .params(accountId, mailboxId == null ? 0L : mailboxId, change.name()).update();
                } else {
                    jdbc.sql("""
                            INSERT INTO metadata_entries (account_id, mailbox_id, entry, value) VALUES (?, ?, ?, ?)
                            ON CONFLICT (account_id, COALESCE(mailbox_id, 0), entry) DO UPDATE SET value = EXCLUDED.value""")
                            .params(accountId, mailboxId, change.name(), change.value()).update();
                }
            }
            long count = jdbc.sql("SELECT count(*) FROM metadata_entries WHERE account_id = ?").param(accountId)
                    .query(Long.class).single();
            if (count > maxEntries) {
                throw new MetadataLimitException(maxEntries);
            }
        });
    }
}
