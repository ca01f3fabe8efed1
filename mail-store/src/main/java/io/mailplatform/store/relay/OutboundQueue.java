package io.mailplatform.store.relay;

import io.mailplatform.store.mailbox.MailboxService;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbound relay queue as operators see and steer it (table {@code outbound_queue}, filled by
 * delivery with the remote recipients of authenticated mail, the remote targets of aliases and lists
 * and reports to remote senders, worked by the relay through {@link RelayQueue}). Delivered and
 * bounced recipients leave the queue.
 *
 * <p>An entry a relay instance is sending (its lease runs) cannot be changed: the outcome of that
 * attempt would undo the change, or the mail would go out although it was deleted. Every change is
 * one statement that checks the lease, so a claim and a change never both win. The database's
 * clock decides whether a lease runs, as for the relay's claims in production.
 */
@Repository
public class OutboundQueue {
    /** The state of a row, computed in SQL: one definition for the listing, the filter and the gauges. */
    private static final String STATE = """
            CASE WHEN leased_until > now() THEN 'IN_FLIGHT' WHEN bounce_requested THEN 'BOUNCING'
                 WHEN held THEN 'HELD' WHEN attempts = 0 THEN 'QUEUED' ELSE 'DEFERRED' END""";
    private static final String COLUMNS = "id, envelope_id, reverse_path, recipient, domain, created_at, next_attempt, "
            + "attempts, last_error, " + STATE + " AS state, last_attempt, leased_by";
    private static final String NOT_LEASED = "(leased_until IS NULL OR leased_until <= now())";

    private final JdbcClient jdbc;
    private final MailboxService mailboxes;

    public OutboundQueue(JdbcClient jdbc, MailboxService mailboxes) {
        this.jdbc = jdbc;
        this.mailboxes = mailboxes;
    }

    /** Where a queued recipient stands. */
    public enum State {
        /** Not tried yet. */
        QUEUED("queued"),
        /** Tried and failed temporarily: waits for {@code nextAttempt}. */
        DEFERRED("deferred"),
        /** Leased by a relay instance that is sending it now. */
        IN_FLIGHT("in-flight"),
        /** Held by an operator: no relay instance claims it until it is released. */
        HELD("held"),
        /** Deleted by an operator with a report to the sender: the relay sends the report and removes it. */
        BOUNCING("bouncing");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** The name in the admin API and in the metrics: lower case, {@code in-flight}. */
        public String label() {
            return label;
        }

        /** A state by its label (or its constant name), case-insensitive. */
        public static State parse(String text) {
            for (State state : values()) {
                if (state.label.equalsIgnoreCase(text) || state.name().equalsIgnoreCase(text)) {
                    return state;
                }
            }
            throw new IllegalArgumentException("unknown queue state '" + text + "': one of queued, deferred, in-flight, held, bouncing");
        }
    }

    /**
     * One queued recipient.
     *
     * @param reversePath the MAIL FROM to use, empty for the null path
     * @param lastError the last remote reply or connection error, null before the first attempt
     * @param state where it stands
     * @param lastAttempt when it was last tried, null before the first attempt
     * @param leasedBy the relay instance that holds or held its lease, or null
     */
    public record Entry(long id, String envelopeId, String reversePath, String recipient, String domain,
            Instant createdAt, Instant nextAttempt, int attempts, String lastError, State state, Instant lastAttempt,
            String leasedBy) {
    }

    /**
     * Which entries to list; null components do not filter.
     *
     * @param domain the recipient domain, case-insensitive
     * @param state the state
     * @param minAge queued at least this long ago
     * @param maxAge queued at most this long ago
     */
    public record Filter(String domain, State state, Duration minAge, Duration maxAge) {
        public static final Filter ALL = new Filter(null, null, null, null);

        public Filter {
            if (minAge != null && minAge.isNegative() || maxAge != null && maxAge.isNegative()) {
                throw new IllegalArgumentException("an age cannot be negative");
            }
            if (minAge != null && maxAge != null && minAge.compareTo(maxAge) > 0) {
                throw new IllegalArgumentException("the minimum age " + minAge + " is above the maximum age " + maxAge);
            }
        }
    }

    /**
     * One page of entries in queue order (by id, oldest first).
     *
     * @param total the entries matching the filter, on every page
     * @param next the {@code after} of the next page, or null on the last one
     */
    public record Page(long total, List<Entry> entries, Long next) {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    /** Up to {@code limit} entries matching the filter with an id above {@code after}. */
    public Page page(Filter filter, long after, int limit) {
        Where where = where(filter);
        long total = jdbc.sql("SELECT count(*) FROM (SELECT " + STATE + " AS state, domain, created_at FROM outbound_queue) q"
                + where.sql()).params(where.params()).query(Long.class).single();
        List<Object> params = new ArrayList<>(where.params());
        params.add(after);
        params.add(limit + 1);
        List<Entry> entries = jdbc.sql("SELECT * FROM (SELECT " + COLUMNS + " FROM outbound_queue) q" + where.sql()
                + (where.sql().isEmpty() ? " WHERE" : " AND") + " id > ? ORDER BY id LIMIT ?")
                .params(params).query(OutboundQueue::entry).list();
        if (entries.size() <= limit) {
            return new Page(total, entries, null);
        }
        List<Entry> page = entries.subList(0, limit);
        return new Page(total, page, page.get(limit - 1).id());
    }

    private record Where(String sql, List<Object> params) {
    }

    private static Where where(Filter filter) {
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (filter.domain() != null) {
            terms.add("lower(domain) = ?");
            params.add(filter.domain().toLowerCase(Locale.ROOT));
        }
        if (filter.state() != null) {
            terms.add("state = ?");
            params.add(filter.state().name());
        }
        if (filter.minAge() != null) {
            terms.add("created_at <= now() - ?::interval");
            params.add(filter.minAge().toMillis() + " milliseconds");
        }
        if (filter.maxAge() != null) {
            terms.add("created_at >= now() - ?::interval");
            params.add(filter.maxAge().toMillis() + " milliseconds");
        }
        return new Where(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), params);
    }

    /** One entry. */
    public Optional<Entry> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbound_queue WHERE id = ?").param(id).query(OutboundQueue::entry)
                .optional();
    }

    /** The attempts kept for an entry (one per host tried), oldest first. */
    public List<OutboundAttempt> attempts(long id) {
        return jdbc.sql("SELECT attempted_at, host, status, reply FROM outbound_attempts WHERE queue_id = ? ORDER BY attempted_at, id")
                .param(id).query((rs, n) -> new OutboundAttempt(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        rs.getString(3), rs.getString(4)))
                .list();
    }

    /** How many recipients are queued. */
    public long size() {
        return jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single();
    }

    /** How many entries are in each state (every state present, zero included). */
    public Map<State, Long> depth() {
        Map<State, Long> depth = new EnumMap<>(State.class);
        for (State state : State.values()) {
            depth.put(state, 0L);
        }
        jdbc.sql("SELECT " + STATE + ", count(*) FROM outbound_queue GROUP BY 1")
                .query((ResultSet rs) -> {
                    depth.put(State.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return depth;
    }

    /** What became of a requested change. */
    public enum Change {
        DONE,
        /** No such entry (delivered, bounced or deleted meanwhile). */
        NOT_FOUND,
        /** A relay instance is sending it now. */
        IN_FLIGHT,
        /** It is being deleted with a report. */
        BOUNCING
    }

    /** Due at once, released if held. */
    public Change retryNow(long id) {
        return change(id, "next_attempt = now(), held = false", true);
    }

    /** Never claimed by a relay instance until released. */
    public Change hold(long id) {
        return change(id, "held = true", true);
    }

    /** Claimed again when due (at once if its next attempt has passed). */
    public Change release(long id) {
        return change(id, "held = false", true);
    }

    /**
     * Deleted by the relay with a failure report to the sender, as it reports every failure: made
     * due and unheld, so the next look at the queue by any instance takes it.
     */
    public Change deleteWithReport(long id) {
        return change(id, "bounce_requested = true, held = false, next_attempt = now()", false);
    }

    /** Deleted without a report; its content goes too unless something else refers to it. */
    public Change delete(long id) {
        Optional<Long> content = jdbc.sql("DELETE FROM outbound_queue WHERE id = ? AND " + NOT_LEASED + " RETURNING content_id")
                .param(id).query(Long.class).optional();
        if (content.isPresent()) {
            mailboxes.collectOrphanContents(List.of(content.get()));
            return Change.DONE;
        }
        return refusal(id, false);
    }

    private Change change(long id, String assignments, boolean refuseBouncing) {
        int updated = jdbc.sql("UPDATE outbound_queue SET " + assignments + " WHERE id = ? AND " + NOT_LEASED
                + (refuseBouncing ? " AND NOT bounce_requested" : "")).param(id).update();
        return updated == 1 ? Change.DONE : refusal(id, refuseBouncing);
    }

    /** Why a change found no row to change. */
    private Change refusal(long id, boolean refuseBouncing) {
        Optional<Entry> entry = find(id);
        if (entry.isEmpty()) {
            return Change.NOT_FOUND;
        }
        if (refuseBouncing && entry.get().state() == State.BOUNCING) {
            return Change.BOUNCING;
        }
        // in flight, or it was a moment ago: the lease ran out between the two statements
        return Change.IN_FLIGHT;
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getString("envelope_id"), rs.getString("reverse_path"),
                rs.getString("recipient"), rs.getString("domain"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("next_attempt")), rs.getInt("attempts"), rs.getString("last_error"),
                State.valueOf(rs.getString("state")), instant(rs.getTimestamp("last_attempt")), rs.getString("leased_by"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
