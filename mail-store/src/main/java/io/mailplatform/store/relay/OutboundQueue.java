package io.mailplatform.store.relay;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbound relay queue as operators see it (table {@code outbound_queue}, filled by delivery
 * with the remote recipients of authenticated mail and with DSNs to remote senders, worked by the
 * relay through {@link RelayQueue}). Delivered and bounced recipients leave the queue.
 */
@Repository
public class OutboundQueue {
    private final JdbcClient jdbc;

    public OutboundQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a queued recipient stands. */
    public enum State {
        /** Not tried yet. */
        QUEUED,
        /** Tried and failed temporarily: waits for {@code nextAttempt}. */
        DEFERRED,
        /** Leased by a relay instance that is sending it now. */
        SENDING,
        /** Held by an operator: not sent until released. */
        HELD
    }

    /**
     * One queued recipient.
     *
     * @param reversePath the MAIL FROM to use, empty for the null path
     * @param lastError the last remote reply or connection error, null before the first attempt
     * @param state where it stands
     * @param held whether an operator holds it
     * @param lastAttempt when it was last tried, null before the first attempt
     */
    public record Entry(long id, String envelopeId, String reversePath, String recipient, String domain,
            Instant createdAt, Instant nextAttempt, int attempts, String lastError, State state, boolean held,
            Instant lastAttempt) {
    }

    /** The entries that are due first, at most {@code limit}. */
    public List<Entry> entries(int limit) {
        return jdbc.sql("""
                SELECT id, envelope_id, reverse_path, recipient, domain, created_at, next_attempt, attempts, last_error,
                       CASE WHEN held THEN 'HELD' WHEN leased_until > now() THEN 'SENDING'
                            WHEN attempts = 0 THEN 'QUEUED' ELSE 'DEFERRED' END,
                       held, last_attempt
                FROM outbound_queue ORDER BY next_attempt, id LIMIT ?""").param(limit)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), rs.getInt(8),
                        rs.getString(9), State.valueOf(rs.getString(10)), rs.getBoolean(11), instant(rs.getTimestamp(12))))
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
