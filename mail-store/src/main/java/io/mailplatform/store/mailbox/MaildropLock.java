package io.mailplatform.store.mailbox;

import io.mailplatform.core.net.HostNames;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The POP3 maildrop lock (RFC 1939 §8), valid across every instance that shares the database. A
 * lock is a lease: a row in {@code maildrop_locks} with an owner and an expiry, taken atomically by
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expired}, renewed by a heartbeat while the
 * session lives, and released at its end. A crashed instance stops renewing, so its leases lapse
 * after {@code lease} and no maildrop stays locked for ever. Unlike a PostgreSQL advisory lock, a
 * lease holds no database connection between statements, so thousands of sessions need no more
 * connections than the pool has.
 *
 * <p>All times are the database's ({@code now()}), so instances need no synchronised clocks.
 */
public final class MaildropLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MaildropLock.class);

    /** The outcome of an attempt to lock a maildrop. */
    public sealed interface Acquisition permits Acquired, InUse, TooSoon {
    }

    /** The maildrop is locked for this session. */
    public record Acquired(Lease lease) implements Acquisition {
    }

    /** Another session, on any instance, holds the maildrop (RFC 2449 [IN-USE]). */
    public record InUse() implements Acquisition {
    }

    /** The last login to this maildrop was less than the login delay ago (RFC 2449 [LOGIN-DELAY]). */
    public record TooSoon() implements Acquisition {
    }

    private final JdbcClient jdbc;
    private final long leaseMillis;
    private final String instance;
    private final AtomicLong sessions = new AtomicLong();
    private final Map<String, Lease> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    /**
     * @param lease how long a lease lasts without renewal: the longest a crashed instance keeps a maildrop locked
     * @param heartbeat how often held leases are renewed; well below {@code lease}
     */
    public MaildropLock(JdbcClient jdbc, Duration lease, Duration heartbeat) {
        if (heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("the heartbeat (" + heartbeat + ") must be shorter than the lease (" + lease + ")");
        }
        this.jdbc = jdbc;
        this.leaseMillis = lease.toMillis();
        this.instance = HostNames.local() + "/" + ProcessHandle.current().pid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "maildrop-lock");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Tries to lock an account's maildrop (blocking: one statement, two when refused).
     *
     * @param loginDelay the least time since the previous login to this maildrop; zero for none
     */
    public Acquisition acquire(long accountId, Duration loginDelay) {
        String owner = instance + "/" + sessions.incrementAndGet();
        Optional<String> taken = jdbc.sql("""
                INSERT INTO maildrop_locks AS l (account_id, owner, expires_at, locked_at)
                VALUES (?, ?, now() + ? * interval '1 millisecond', now())
                ON CONFLICT (account_id) DO UPDATE
                    SET owner = excluded.owner, expires_at = excluded.expires_at, locked_at = excluded.locked_at
                    WHERE l.expires_at <= now() AND l.locked_at <= now() - ? * interval '1 millisecond'
                RETURNING owner""")
                .params(accountId, owner, leaseMillis, loginDelay.toMillis()).query(String.class).optional();
        if (taken.isPresent()) {
            Lease lease = new Lease(accountId, owner);
            held.put(owner, lease);
            return new Acquired(lease);
        }
        boolean inUse = jdbc.sql("SELECT expires_at > now() FROM maildrop_locks WHERE account_id = ?").param(accountId)
                .query(Boolean.class).optional().orElse(true);
        return inUse ? new InUse() : new TooSoon();
    }

    /** The number of leases this instance holds. */
    public int held() {
        return held.size();
    }

    private void heartbeat() {
        if (held.isEmpty()) {
            return;
        }
        Set<String> owners = new HashSet<>(held.keySet());
        try {
            List<String> renewed = jdbc.sql("""
                    UPDATE maildrop_locks SET expires_at = now() + ? * interval '1 millisecond'
                    WHERE owner = ANY(?) RETURNING owner""")
                    .params(leaseMillis, owners.toArray(String[]::new)).query(String.class).list();
            owners.removeAll(renewed);
            for (String lostOwner : owners) {
                Lease lease = held.remove(lostOwner);
                if (lease != null && !lease.released.get()) {
                    lease.lost = true;
                    log.warn("maildrop lease {} of account {} was lost", lostOwner, lease.accountId);
                }
            }
        } catch (RuntimeException e) {
            // the database is unreachable: leases lapse if this lasts longer than a lease, which the holders find out
            log.warn("maildrop lease heartbeat failed: {}", e.toString());
        }
    }

    /** Stops the heartbeat without releasing anything, as a killed process would (tests of lapsing leases). */
    void halt() {
        timer.shutdownNow();
    }

    /** Stops the heartbeat and releases every lease this instance holds. */
    @Override
    public void close() {
        timer.shutdownNow();
        for (Lease lease : List.copyOf(held.values())) {
            lease.release();
        }
    }

    /** A held maildrop lock. */
    public final class Lease {
        private final long accountId;
        private final String owner;
        private final AtomicBoolean released = new AtomicBoolean();
        private volatile boolean lost;

        private Lease(long accountId, String owner) {
            this.accountId = accountId;
            this.owner = owner;
        }

        public long accountId() {
            return accountId;
        }

        /**
         * Renews the lease now (blocking) and says whether it is still held. Call before acting on the
         * lock, e.g. before deleting messages at QUIT: after a successful renewal nobody else can take
         * the lock for a whole lease.
         */
        public boolean renew() {
            if (released.get() || lost) {
                return false;
            }
            boolean renewed = jdbc.sql("""
                    UPDATE maildrop_locks SET expires_at = now() + ? * interval '1 millisecond'
                    WHERE account_id = ? AND owner = ?""").params(leaseMillis, accountId, owner).update() == 1;
            if (!renewed) {
                lost = true;
                held.remove(owner);
            }
            return renewed;
        }

        /** Whether another session took the lock after this lease lapsed. */
        public boolean isLost() {
            return lost;
        }

        /** Releases the lease now (blocking); idempotent. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                releaseRow();
            }
        }

        /** Releases the lease without blocking the caller (an event loop); idempotent. */
        public void releaseLater() {
            if (released.compareAndSet(false, true)) {
                try {
                    timer.execute(this::releaseRow);
                } catch (RejectedExecutionException e) {
                    releaseRow();
                }
            }
        }

        private void releaseRow() {
            try {
                // renaming the owner makes the release final: a heartbeat that read the owner before and
                // updates after it finds no row to renew, so a released lease never comes back to life
                jdbc.sql("""
                        UPDATE maildrop_locks SET expires_at = now(), owner = owner || ' (released)'
                        WHERE account_id = ? AND owner = ?""").params(accountId, owner).update();
            } catch (RuntimeException e) {
                log.warn("maildrop lease {} not released, it lapses by itself: {}", owner, e.toString());
            } finally {
                held.remove(owner);
            }
        }
    }
}
