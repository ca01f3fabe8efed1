package io.mailplatform.store.relay;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbound relay queue as operators see it (table {@code outbound_queue}, filled by delivery
 * with the remote recipients of authenticated mail and with DSNs to remote senders).
 */
@Repository
public class OutboundQueue {
    private final JdbcClient jdbc;

    public OutboundQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One queued recipient.
     *
     * @param reversePath the MAIL FROM to use, empty for the null path
     * @param lastError the last remote reply or connection error, null before the first attempt
     */
    public record Entry(long id, String envelopeId, String reversePath, String recipient, String domain,
            Instant createdAt, Instant nextAttempt, int attempts, String lastError) {
    }

    /** The entries that are due first, at most {@code limit}. */
    public List<Entry> entries(int limit) {
        return jdbc.sql("""
                SELECT id, envelope_id, reverse_path, recipient, domain, created_at, next_attempt, attempts, last_error
                FROM outbound_queue ORDER BY next_attempt, id LIMIT ?""").param(limit)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getInt(8),
                        rs.getString(9)))
                .list();
    }

    /** How many recipients are queued. */
    public long size() {
        return jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
