package io.mailplatform.delivery.relay;

import io.mailplatform.delivery.relay.smtp.SmtpConnection;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The jobs waiting for one destination, the senders working them (at most
 * {@code mail.relay.max-connections-per-destination}, each with at most one connection), and the
 * connections left idle for the next job. A sender takes an idle connection before it opens one, so
 * the open connections never exceed the bound. Thread-safe.
 */
final class DestinationQueue {
    private final String key;
    private final int maxSenders;
    private final Deque<RelayJob> pending = new ArrayDeque<>();
    private final Deque<Idle> idle = new ArrayDeque<>();
    private int senders;

    /** A connection no sender holds, since when. */
    record Idle(SmtpConnection connection, Instant since) {
    }

    DestinationQueue(String key, int maxSenders) {
        this.key = key;
        this.maxSenders = maxSenders;
    }

    String key() {
        return key;
    }

    /** Queues a job; true when a new sender must be started for it. */
    synchronized boolean offer(RelayJob job) {
        pending.add(job);
        if (senders < maxSenders) {
            senders++;
            return true;
        }
        return false;
    }

    /** For a starting sender: the most recently parked connection that is still usable, or null. */
    synchronized SmtpConnection takeIdle() {
        while (!idle.isEmpty()) {
            SmtpConnection connection = idle.pollLast().connection();
            if (connection.isUsable()) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    /**
     * The sender's next job; null when there is none, and then the sender ends and its connection
     * (if still usable) is parked here as idle.
     */
    synchronized RelayJob next(SmtpConnection held, Instant now, boolean park) {
        RelayJob job = pending.poll();
        if (job == null) {
            senders--;
            if (held != null) {
                if (park && held.isUsable()) {
                    idle.addLast(new Idle(held, now));
                } else {
                    held.close();
                }
            }
        }
        return job;
    }

    /** A sender ended abnormally without asking for its next job. */
    synchronized void senderEnded() {
        senders--;
    }

    /** Removes and returns the idle connections parked before {@code before} (all with null). */
    synchronized List<SmtpConnection> expire(Instant before) {
        List<SmtpConnection> expired = new ArrayList<>();
        idle.removeIf(i -> {
            if (before == null || i.since().isBefore(before) || !i.connection().isUsable()) {
                expired.add(i.connection());
                return true;
            }
            return false;
        });
        return expired;
    }

    /** Whether nothing is queued, running or parked here: the queue may be dropped. */
    synchronized boolean isUnused() {
        return senders == 0 && pending.isEmpty() && idle.isEmpty();
    }

    /** The jobs not started, removed (a stopping relay). */
    synchronized List<RelayJob> drain() {
        List<RelayJob> jobs = new ArrayList<>(pending);
        pending.clear();
        return jobs;
    }
}
