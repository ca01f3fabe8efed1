package io.mailplatform.store.mailbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Message counts of a mailbox in one aggregate query, for IMAP STATUS and LIST-STATUS. */
@Repository
public class MailboxStatistics {
    // built once: STATUS is frequent, and formatting the text on every call showed in profiles
    private static final String COUNTS = aggregates("(SELECT recent_uid FROM mailboxes WHERE id = ?)")
            + " FROM messages m WHERE m.mailbox_id = ?";
    private static final String FIND = "SELECT mb.*, c.* FROM mailboxes mb CROSS JOIN LATERAL (" + aggregates("mb.recent_uid")
            + " FROM messages m WHERE m.mailbox_id = mb.id) c WHERE mb.account_id = ? AND mb.name = ?";

    private final JdbcClient jdbc;

    public MailboxStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A mailbox with its counts, read in one snapshot. */
    public record Counted(Mailbox mailbox, MailboxCounts counts) {
    }

    public MailboxCounts counts(Mailbox mailbox) {
        return jdbc.sql(COUNTS)
                .params(mailbox.id(), mailbox.id())
                .query(MailboxStatistics::counts)
                .single();
    }

    /**
     * The account's mailbox of that name ("INBOX" in any case) with its counts, in one statement:
     * STATUS names a mailbox and asks for both, and a round trip to the database is what it costs.
     */
    public Optional<Counted> find(long accountId, String name) {
        return jdbc.sql(FIND)
                .params(accountId, MailboxService.canonicalName(name))
                .query((rs, n) -> new Counted(MailboxService.mailbox(rs, n), counts(rs, n)))
                .optional();
    }

    private static String aggregates(String recentUid) {
        return """
                SELECT count(*) AS n_messages,
                       count(*) FILTER (WHERE (m.flags & %1$d) = 0) AS n_unseen,
                       count(*) FILTER (WHERE (m.flags & %2$d) <> 0) AS n_deleted,
                       coalesce(sum(m.size::bigint), 0) AS n_size,
                       count(*) FILTER (WHERE m.uid > %3$s) AS n_recent,
                       coalesce(sum(m.size::bigint) FILTER (WHERE (m.flags & %2$d) <> 0), 0) AS n_deleted_size"""
                .formatted(MessageFlags.SEEN, MessageFlags.DELETED, recentUid);
    }

    private static MailboxCounts counts(ResultSet rs, int row) throws SQLException {
        return new MailboxCounts(rs.getLong("n_messages"), rs.getLong("n_unseen"), rs.getLong("n_deleted"),
                rs.getLong("n_size"), rs.getLong("n_recent"), rs.getLong("n_deleted_size"));
    }
}
