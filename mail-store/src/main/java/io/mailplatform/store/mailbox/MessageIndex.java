package io.mailplatform.store.mailbox;

import io.mailplatform.store.jdbc.LongRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an IMAP session synchronises against: the UIDs of a mailbox, the changes since a MODSEQ
 * (flag changes, new messages, expunges), message metadata by UID, and \Recent claims. Reads that
 * must agree with each other run in one REPEATABLE READ transaction, so a session's view is always
 * a consistent state of the mailbox.
 */
@Repository
public class MessageIndex {
    /** The statement of {@link #changesSince}: the mailbox row (kind 0), changed messages (1), expunged UIDs (2). */
    private static final String CHANGES = """
            SELECT 0 AS kind, highest_modseq, recent_uid, 0::bigint, 0::smallint, NULL::text[], NULL::timestamptz, 0, 0,
                   NULL::timestamptz, 0::bigint
            FROM mailboxes WHERE id = :mailbox
            UNION ALL
            SELECT 1, %s FROM messages WHERE mailbox_id = :mailbox AND modseq > :modseq
            UNION ALL
            SELECT 2, uid, 0, 0, 0, NULL, NULL, 0, 0, NULL, 0 FROM expunged_messages WHERE mailbox_id = :mailbox AND modseq > :modseq
            ORDER BY 1, 2"""
            .formatted(MailboxService.META_COLUMNS);

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshots;
    private final KnownModSeqs known;

    public MessageIndex(JdbcClient jdbc, PlatformTransactionManager transactionManager, KnownModSeqs known) {
        this.jdbc = jdbc;
        this.known = known;
        this.snapshots = new TransactionTemplate(transactionManager);
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
     * @param recentUid the mailbox's \Recent mark as read with the changes (UIDs above it are claimed by
     *        no session yet), 0 when the store was not read: a session need not claim new messages at
     *        or below it, another session has
     */
    public record Changes(long highestModSeq, List<MessageMeta> changed, long[] expunged, long recentUid) {
        public Changes(long highestModSeq, List<MessageMeta> changed, long[] expunged) {
            this(highestModSeq, changed, expunged, 0);
        }

        public boolean isEmpty() {
            return changed.isEmpty() && expunged.length == 0;
        }
    }

    /**
     * A consistent snapshot of the mailbox, or empty if it no longer exists: a REPEATABLE READ
     * transaction, asked for by its first statement rather than through the connection, which would
     * cost three more round trips (read, set and restore the session's level).
     */
    public Optional<Snapshot> snapshot(Mailbox mailbox) {
        return snapshots.execute(status -> {
            jdbc.sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").update();
            // the row, the first unseen UID and the keywords in one statement
            Optional<Snapshot> head = jdbc.sql("SELECT *, coalesce((SELECT min(uid) FROM messages WHERE mailbox_id = m.id"
                    + " AND (flags & " + MessageFlags.SEEN + ") = 0), 0) AS first_unseen, ARRAY(SELECT keyword"
                    + " FROM account_keywords WHERE account_id = m.account_id ORDER BY keyword) AS known_keywords"
                    + " FROM mailboxes m WHERE id = ?").param(mailbox.id())
                    .query((rs, n) -> new Snapshot(MailboxService.mailbox(rs, n), null, rs.getLong("first_unseen"),
                            rs.getLong("recent_uid"), List.of((String[]) rs.getArray("known_keywords").getArray())))
                    .optional();
            return head.map(found -> new Snapshot(found.mailbox(), uids(mailbox.id()), found.firstUnseenUid(),
                    found.recentUid(), found.keywords()));
        });
    }

    /**
     * Changes after {@code modSeq}; empty when the mailbox's HIGHESTMODSEQ is still {@code modSeq}.
     * Returns empty Optional if the mailbox no longer exists.
     *
     * <p>One statement, so one round trip and one snapshot: the mailbox row, the changed messages and
     * the expunged UIDs agree without a transaction. Sessions run this after every command, so it
     * costs what a NOOP costs.
     */
    public Optional<Changes> changesSince(Mailbox mailbox, long modSeq) {
        long version = known.version(mailbox.id());
        ChangeRows rows = new ChangeRows();
        jdbc.sql(CHANGES)
                .param("mailbox", mailbox.id()).param("modseq", modSeq).query(rows);
        if (rows.highestModSeq < 0) {
            return Optional.empty();
        }
        known.confirm(mailbox.id(), version, rows.highestModSeq);
        long highest = Math.max(rows.highestModSeq, modSeq);
        return Optional.of(new Changes(highest, rows.changed, rows.expunged.toArray(), rows.recentUid));
    }

    /**
     * {@link #changesSince}, without reading the store when this process knows the mailbox is still
     * at {@code modSeq} ({@link KnownModSeqs}: its own writes at once, other processes' through their
     * events, in any case within {@link KnownModSeqs#TTL}). For the report after a command; a client
     * asking for news (NOOP, IDLE) gets {@link #changesSince}.
     */
    public Optional<Changes> changesIfMoved(Mailbox mailbox, long modSeq) {
        if (unchangedSince(mailbox, modSeq)) {
            return Optional.of(new Changes(modSeq, List.of(), new long[0]));
        }
        return changesSince(mailbox, modSeq);
    }

    /**
     * Whether this process knows the mailbox is still at {@code modSeq} ({@link KnownModSeqs}): then what a
     * session learnt of its messages up to that MODSEQ is still true.
     */
    public boolean unchangedSince(Mailbox mailbox, long modSeq) {
        return known.unchangedSince(mailbox.id(), modSeq);
    }

    /**
     * The UIDs changed after a MODSEQ a client names (RFC 7162 CHANGEDSINCE, SELECT ... QRESYNC):
     * UIDs only, eight octets each, however old the MODSEQ and large the mailbox; the caller reads
     * the metadata it needs in batches.
     *
     * @param changed messages whose MODSEQ is higher (new ones and flag changes), ascending
     * @param expunged UIDs expunged after the MODSEQ, ascending (the expunge log is kept for the
     *        mailbox's lifetime, so this is complete for any MODSEQ)
     */
    public record ChangedUids(long[] changed, long[] expunged) {
    }

    /** {@link ChangedUids} after {@code modSeq}, in one statement (one snapshot). */
    public ChangedUids changedUids(Mailbox mailbox, long modSeq) {
        LongRows changed = new LongRows();
        LongRows expunged = new LongRows();
        jdbc.sql("""
                SELECT 1 AS kind, uid FROM messages WHERE mailbox_id = :mailbox AND modseq > :modseq
                UNION ALL
                SELECT 2, uid FROM expunged_messages WHERE mailbox_id = :mailbox AND modseq > :modseq
                ORDER BY 1, 2""")
                .param("mailbox", mailbox.id()).param("modseq", modSeq)
                .query((RowCallbackHandler) rs -> (rs.getInt(1) == 1 ? changed : expunged).add(rs.getLong(2)));
        return new ChangedUids(changed.toArray(), expunged.toArray());
    }

    /** The rows of {@link #changesSince}: the mailbox's HIGHESTMODSEQ (kind 0), changed messages (1), expunged UIDs (2). */
    private static final class ChangeRows implements RowCallbackHandler {
        long highestModSeq = -1;
        long recentUid;
        final List<MessageMeta> changed = new ArrayList<>();
        final LongRows expunged = new LongRows();

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            switch (rs.getInt(1)) {
                case 0 -> {
                    highestModSeq = rs.getLong(2);
                    recentUid = rs.getLong(3);
                }
                case 1 -> changed.add(MailboxService.metaAfter(rs, 1));
                default -> expunged.add(rs.getLong(2));
            }
        }
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
     * {@link #metas(Mailbox, long[])}, from {@code memory} when it recalls every one of the UIDs (given ascending);
     * nothing is remembered from this read, which lacks the trace prefixes a {@link MessageSummaries.Remembered} holds.
     */
    public List<MessageMeta> metas(Mailbox mailbox, long[] uids, MessageSummaries.Memory memory) {
        List<MessageSummaries.Remembered> recalled = memory.recall(uids);
        return recalled == null ? metas(mailbox, uids)
                : recalled.stream().map(MessageSummaries.Remembered::meta).toList();
    }

    /** The highest MODSEQ among the given UIDs that still exist, 0 if none does (RFC 7162 §3.1.5 SEARCH). */
    public long highestModSeq(Mailbox mailbox, long[] uids) {
        if (uids.length == 0) {
            return 0;
        }
        return jdbc.sql("SELECT coalesce(max(modseq), 0) FROM messages WHERE mailbox_id = ? AND uid = ANY(?)")
                .params(mailbox.id(), uids).query(Long.class).single();
    }

    /**
     * Claims the \Recent messages up to {@code upToUid} for the calling session: after this, no other
     * session sees them as recent.
     *
     * <p>Committed without waiting for the WAL flush ({@code synchronous_commit} off for this one
     * transaction): the claim is bookkeeping no client asked to keep, and a claim lost in a crash only
     * shows the messages as \Recent once more. Waiting would hold the mailbox row, and the writers
     * queued behind it, for a disk flush after every new message a session sees.
     *
     * @return the UID above which the caller's messages are \Recent (those up to {@code upToUid})
     */
    public long claimRecent(Mailbox mailbox, long upToUid) {
        return jdbc.sql("""
                UPDATE mailboxes m SET recent_uid = GREATEST(old.recent_uid, ?)
                FROM (SELECT id, recent_uid FROM mailboxes WHERE id = ? FOR UPDATE) old
                WHERE m.id = old.id AND set_config('synchronous_commit', 'off', true) IS NOT NULL
                RETURNING old.recent_uid""")
                .params(upToUid, mailbox.id()).query(Long.class).optional().orElse(upToUid);
    }

    private long[] uids(long mailboxId) {
        LongRows rows = new LongRows();
        jdbc.sql("SELECT uid FROM messages WHERE mailbox_id = ? ORDER BY uid").param(mailboxId).query(rows);
        return rows.toArray();
    }
}
