package io.mailplatform.store.mailbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Message counts of a mailbox in one aggregate query, for IMAP STATUS and LIST-STATUS. */
@Repository
public class MailboxStatistics {
    private final JdbcClient jdbc;

    public MailboxStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public MailboxCounts counts(Mailbox mailbox) {
        return jdbc.sql("""
                SELECT count(*),
                       count(*) FILTER (WHERE (m.flags & %d) = 0),
                       count(*) FILTER (WHERE (m.flags & %d) <> 0),
                       coalesce(sum(m.size::bigint), 0),
                       count(*) FILTER (WHERE m.uid > (SELECT recent_uid FROM mailboxes WHERE id = ?)),
                       coalesce(sum(m.size::bigint) FILTER (WHERE (m.flags & %d) <> 0), 0)
                FROM messages m WHERE m.mailbox_id = ?""".formatted(MessageFlags.SEEN, MessageFlags.DELETED,
                        MessageFlags.DELETED))
                .params(mailbox.id(), mailbox.id())
                .query((rs, n) -> new MailboxCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6)))
                .single();
    }
}
