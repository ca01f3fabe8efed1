package io.mailplatform.store.mailbox;

import java.sql.ResultSet;
import io.mailplatform.store.jdbc.LongRows;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an IMAP session synchronises against: the UIDs of a mailbox, the changes since a MODSEQ
 * (flag changes, new messages, expunges), message metadata by UID, and \Recent claims. Reads that
 * must agree with each other run in one REPEATABLE READ transaction, so a session's view is always
 * a consistent state of the mailbox.
 */
@Repository
public class MessageIndex {
    private final JdbcClient jdbc;
    private final TransactionTemplate snapshots;

    public MessageIndex(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.snapshots = new TransactionTemplate(transactionManager);
        snapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshots.setReadOnly(true);
    }

    /**
     * The state of a mailbox at one instant.
     *
     * @param mailbox the mailbox row (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ)
     * @param uids every UID, ascending
     * @param firstUnseenUid the lowest UID without \Seen, 0 if there is none
     * @param recentUid UIDs above this one are \Recent (not yet announced to any session)
     * @param keywords the keywords the account's clients have used (its registered keywords), sorted:
     *        what a session announces in its FLAGS response
     */
    public record Snapshot(Mailbox mailbox, long[] uids, long firstUnseenUid, long recentUid, List<String> keywords) {
        public Snapshot {
            keywords = List.copyOf(keywords);
        }
    }

    /**
     * What changed in a mailbox after a MODSEQ.
     *
     * @param highestModSeq the mailbox's HIGHESTMODSEQ now
     * @param changed messages whose MODSEQ is higher (new ones and flag changes), ascending UID
     * @param expunged UIDs expunged after the MODSEQ, ascending
     */
    public record Changes(long highestModSeq, List<MessageMeta> changed, long[] expunged) {
        public boolean isEmpty() {
            return changed.isEmpty() && expunged.length == 0;
        }
    }

    /** A consistent snapshot of the mailbox, or empty if it no longer exists. */
    public Optional<Snapshot> snapshot(Mailbox mailbox) {
        return snapshots.execute(status -> {
            Optional<MailboxRow> row = row(mailbox.id());
            if (row.isEmpty()) {
                return Optional.<Snapshot>empty();
            }
            long[] uids = uids(mailbox.id());
            // one statement for both, so a SELECT costs no more round trips for its keywords
            UnseenAndKeywords more = jdbc.sql("SELECT coalesce((SELECT min(uid) FROM messages WHERE mailbox_id = ? AND"
                    + " (flags & " + MessageFlags.SEEN + ") = 0), 0), ARRAY(SELECT keyword FROM account_keywords"
                    + " WHERE account_id = ? ORDER BY keyword)").params(mailbox.id(), row.get().mailbox().accountId())
                    .query((rs, n) -> new UnseenAndKeywords(rs.getLong(1), List.of((String[]) rs.getArray(2).getArray())))
                    .single();
            return Optional.of(new Snapshot(row.get().mailbox(), uids, more.firstUnseenUid(), row.get().recentUid(),
                    more.keywords()));
        });
    }

    /**
     * Changes after {@code modSeq}; empty when the mailbox's HIGHESTMODSEQ is still {@code modSeq},
     * which costs one indexed read. Returns empty Optional if the mailbox no longer exists.
     */
    public Optional<Changes> changesSince(Mailbox mailbox, long modSeq) {
        return snapshots.execute(status -> {
            Optional<MailboxRow> row = row(mailbox.id());
            if (row.isEmpty()) {
                return Optional.<Changes>empty();
            }
            long highest = row.get().mailbox().highestModSeq();
            if (highest <= modSeq) {
                return Optional.of(new Changes(highest, List.of(), new long[0]));
            }
            List<MessageMeta> changed = jdbc.sql("SELECT " + MailboxService.META_COLUMNS
                            + " FROM messages WHERE mailbox_id = ? AND modseq > ? ORDER BY uid")
                    .params(mailbox.id(), modSeq).query(MailboxService::meta).list();
            long[] expunged = jdbc.sql("SELECT uid FROM expunged_messages WHERE mailbox_id = ? AND modseq > ? ORDER BY uid")
                    .params(mailbox.id(), modSeq).query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
            return Optional.of(new Changes(highest, changed, expunged));
        });
    }

    /** Metadata of the given UIDs that still exist, ascending UID. */
    public List<MessageMeta> metas(Mailbox mailbox, long[] uids) {
        if (uids.length == 0) {
            return List.of();
        }
        return jdbc.sql("SELECT " + MailboxService.META_COLUMNS
                        + " FROM messages WHERE mailbox_id = ? AND uid = ANY(?) ORDER BY uid")
                .params(mailbox.id(), uids).query(MailboxService::meta).list();
    }

    /**
     * Claims the \Recent messages up to {@code upToUid} for the calling session: after this, no other
     * session sees them as recent.
     *
     * @return the UID above which the caller's messages are \Recent (those up to {@code upToUid})
     */
    public long claimRecent(Mailbox mailbox, long upToUid) {
        return jdbc.sql("""
                UPDATE mailboxes m SET recent_uid = GREATEST(old.recent_uid, ?)
                FROM (SELECT id, recent_uid FROM mailboxes WHERE id = ? FOR UPDATE) old
                WHERE m.id = old.id RETURNING old.recent_uid""")
                .params(upToUid, mailbox.id()).query(Long.class).optional().orElse(upToUid);
    }

    private record MailboxRow(Mailbox mailbox, long recentUid) {
    }

    private record UnseenAndKeywords(long firstUnseenUid, List<String> keywords) {
    }

    private Optional<MailboxRow> row(long mailboxId) {
        return jdbc.sql("SELECT * FROM mailboxes WHERE id = ?").param(mailboxId)
                .query((ResultSet rs, int n) -> new MailboxRow(MailboxService.mailbox(rs, n), rs.getLong("recent_uid")))
                .optional();
    }

    private long[] uids(long mailboxId) {
        LongRows rows = new LongRows();
        jdbc.sql("SELECT uid FROM messages WHERE mailbox_id = ? ORDER BY uid").param(mailboxId).query(rows);
        return rows.toArray();
    }
}
