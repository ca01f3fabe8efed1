package io.mailplatform.store.relay;

import io.mailplatform.store.mailbox.MailboxService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbound queue as the relay works it. Any number of relay instances share it through leases:
 * {@link #claim} takes due rows in one statement ({@code FOR UPDATE SKIP LOCKED}, so two instances
 * never take the same row) and marks them with the instance and a lease end; the sending happens
 * outside any transaction; the outcome is written with {@link #remove} or {@link #reschedule}. A
 * row whose lease ran out (its instance died mid-delivery) is due again, so nothing is lost; the
 * price is that mail a remote server took just before the crash may be sent twice (SMTP has no
 * two-phase commit, RFC 5321 §6.1). Times come from the caller's clock.
 */
@Repository
public class RelayQueue {
    private static final String COLUMNS =
            "id, envelope_id, reverse_path, recipient, domain, content_id, envelope, created_at, attempts, delay_reported, "
            + "bounce_requested";

    private final JdbcClient jdbc;
    private final MailboxService mailboxes;

    public RelayQueue(JdbcClient jdbc, MailboxService mailboxes) {
        this.jdbc = jdbc;
        this.mailboxes = mailboxes;
    }

    /**
     * Leases up to {@code limit} rows that are due at {@code now}, not held, and not leased by a live
     * instance, oldest due first. Rows an operator deleted with a report come too (they are due at
     * once): the relay reports and removes them ({@link QueuedRecipient#bounceRequested()}).
     */
    public List<QueuedRecipient> claim(String instance, Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                UPDATE outbound_queue q SET leased_by = ?, leased_until = ?
                WHERE q.id IN (SELECT id FROM outbound_queue
                               WHERE NOT held AND next_attempt <= ? AND (leased_until IS NULL OR leased_until < ?)
                               ORDER BY next_attempt, id LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS)
                .params(instance, Timestamp.from(leaseUntil), Timestamp.from(now), Timestamp.from(now), limit)
                .query(RelayQueue::queued).list();
    }

    /** Extends the leases this instance still holds on these rows; returns how many it holds. */
    public int renew(String instance, Collection<Long> ids, Instant leaseUntil) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE outbound_queue SET leased_until = ? WHERE id = ANY(?) AND leased_by = ?")
                .params(Timestamp.from(leaseUntil), longs(ids), instance).update();
    }

    /** Gives leases back untouched (a stopping instance): the rows are due again at once for others. */
    public int release(String instance, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE outbound_queue SET leased_by = NULL, leased_until = NULL WHERE id = ANY(?) AND leased_by = ?")
                .params(longs(ids), instance).update();
    }

    /**
     * Deletes rows that are done (delivered, or failed and reported), with their attempts. Their
     * contents are deleted after the commit unless something else still refers to them. Must run
     * in a transaction.
     */
    public void remove(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<Long> contents = jdbc.sql("DELETE FROM outbound_queue WHERE id = ANY(?) RETURNING content_id")
                .param(longs(ids)).query(Long.class).list();
        List<Long> distinct = contents.stream().distinct().toList();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                mailboxes.collectOrphanContents(distinct);
            }
        });
    }

    /**
     * A failed attempt of a row that stays: when to try again, the last error, the hosts tried.
     *
     * @param id the row
     * @param nextAttempt when it is due again
     * @param lastError the last error, for operators
     * @param delayReported whether the delay warning has gone out
     * @param attempts what each host tried said
     */
    public record Retry(long id, Instant nextAttempt, String lastError, boolean delayReported,
            List<OutboundAttempt> attempts) {
        public Retry {
            attempts = List.copyOf(attempts);
        }
    }

    /**
     * Records failed attempts and releases the leases, for the rows this instance still holds (a row
     * another instance took over after this one's lease ran out is left to that one).
     *
     * @return the ids of the rows updated
     */
    public List<Long> reschedule(String instance, List<Retry> retries, Instant attemptedAt) {
        if (retries.isEmpty()) {
            return List.of();
        }
        int n = retries.size();
        long[] ids = new long[n];
        long[] next = new long[n];
        String[] errors = new String[n];
        boolean[] reported = new boolean[n];
        for (int i = 0; i < n; i++) {
            Retry retry = retries.get(i);
            ids[i] = retry.id();
            next[i] = retry.nextAttempt().toEpochMilli();
            errors[i] = retry.lastError();
            reported[i] = retry.delayReported();
        }
        List<Long> updated = jdbc.sql("""
                UPDATE outbound_queue q SET attempts = q.attempts + 1, next_attempt = to_timestamp(r.next_ms / 1000.0),
                       last_error = r.error, last_attempt = ?, delay_reported = r.reported, leased_by = NULL,
                       leased_until = NULL
                FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::boolean[]) AS r(id, next_ms, error, reported)
                WHERE q.id = r.id AND q.leased_by = ?
                RETURNING q.id""")
                .params(Timestamp.from(attemptedAt), ids, next, errors, reported, instance).query(Long.class).list();
        List<Long> queueIds = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        for (Retry retry : retries) {
            if (!updated.contains(retry.id())) {
                continue;
            }
            for (OutboundAttempt attempt : retry.attempts()) {
                queueIds.add(retry.id());
                times.add(attempt.attemptedAt().toEpochMilli());
                hosts.add(attempt.host());
                statuses.add(attempt.status());
                replies.add(attempt.reply());
            }
        }
        if (!queueIds.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO outbound_attempts (queue_id, attempted_at, host, status, reply)
                    SELECT a.queue_id, to_timestamp(a.at_ms / 1000.0), a.host, a.status, a.reply
                    FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[]) AS a(queue_id, at_ms, host, status, reply)""")
                    .params(longs(queueIds), longs(times), hosts.toArray(String[]::new),
                            statuses.toArray(String[]::new), replies.toArray(String[]::new))
                    .update();
        }
        return updated;
    }

    private static QueuedRecipient queued(ResultSet rs, int row) throws SQLException {
        return new QueuedRecipient(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getBytes(7), rs.getTimestamp(8).toInstant(), rs.getInt(9), rs.getBoolean(10),
                rs.getBoolean(11));
    }

    private static long[] longs(Collection<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
