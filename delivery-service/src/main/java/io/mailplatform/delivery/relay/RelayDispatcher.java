package io.mailplatform.delivery.relay;

import io.mailplatform.core.mtasts.MtaStsMode;
import io.mailplatform.core.tlsrpt.TlsResultType;
import io.mailplatform.delivery.relay.smtp.ConnectResult;
import io.mailplatform.delivery.relay.smtp.FailureKind;
import io.mailplatform.delivery.relay.smtp.RemoteHost;
import io.mailplatform.delivery.relay.smtp.SmtpClient;
import io.mailplatform.delivery.relay.smtp.SmtpConnection;
import io.mailplatform.delivery.relay.smtp.SmtpCredentials;
import io.mailplatform.delivery.relay.smtp.SmtpFailure;
import io.mailplatform.delivery.relay.smtp.TlsPolicy;
import io.mailplatform.delivery.relay.smtp.TransactionResult;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends jobs, grouped by destination: each destination has its own queue and at most
 * {@code max-connections-per-destination} senders; a sender sends job after job over one
 * connection (RSET between, by the client) and, when its queue is empty, leaves the connection idle
 * for {@code connection-idle-time} for the next job to the same destination. A job tries the hosts
 * of its destination in order until one deals with it (RFC 5321 §5.1, §4.5.4.1). Senders block on
 * the client's futures on their own threads, at most as many as the client may open connections.
 */
final class RelayDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RelayDispatcher.class);

    /** Told each job's outcome, on the sender's thread; the future completes once it is recorded. */
    interface Recorder {
        CompletableFuture<Void> finished(RelayJob job, List<Settled> settled);
    }

    private final SmtpClient client;
    private final int maxPerDestination;
    private final Duration idleTime;
    private final Clock attemptClock;
    private final Recorder recorder;
    private final RelayMetrics metrics;
    private final TlsSessionListener tlsSessions;
    private final Map<String, DestinationQueue> queues = new HashMap<>();
    private final ThreadPoolExecutor senders;
    private final ScheduledExecutorService reaper;
    private volatile boolean stopping;

    /**
     * @param maxSenders threads sending at once over all destinations
     * @param attemptClock the time attempts are recorded with
     */
    RelayDispatcher(SmtpClient client, int maxPerDestination, int maxSenders, Duration idleTime, Clock attemptClock,
            Recorder recorder, RelayMetrics metrics, TlsSessionListener tlsSessions) {
        this.client = client;
        this.tlsSessions = tlsSessions;
        this.metrics = metrics;
        this.maxPerDestination = maxPerDestination;
        this.idleTime = idleTime;
        this.attemptClock = attemptClock;
        this.recorder = recorder;
        this.senders = new ThreadPoolExecutor(maxSenders, maxSenders, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("relay-sender", true));
        this.senders.allowCoreThreadTimeOut(true);
        this.reaper = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("relay-idle", true));
        long sweep = Math.max(100, Math.min(1000, idleTime.toMillis() / 2));
        reaper.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    /** Queues a job for its destination; the future completes once its outcome is recorded. */
    CompletableFuture<Void> submit(RelayJob job) {
        DestinationQueue queue;
        boolean start;
        synchronized (queues) {
            queue = queues.computeIfAbsent(job.hop().key(), key -> new DestinationQueue(key, maxPerDestination));
            start = queue.offer(job);
        }
        if (start) {
            senders.execute(() -> runSender(queue));
        }
        return job.done();
    }

    private void runSender(DestinationQueue queue) {
        SmtpConnection connection = queue.takeIdle();
        RelayJob job;
        try {
            while ((job = queue.next(connection, Instant.now(), !stopping)) != null) {
                if (stopping) {
                    job.done().complete(null); // left leased: the stopping worker releases it
                    continue;
                }
                connection = send(job, connection);
            }
        } catch (RuntimeException | Error e) {
            log.error("relay sender for {} failed", queue.key(), e);
            queue.senderEnded();
            if (connection != null) {
                connection.close();
            }
        }
    }

    /** One attempt of a job; returns the connection to keep for the next job, or null. */
    private SmtpConnection send(RelayJob job, SmtpConnection held) {
        RelayAttempt attempt = new RelayAttempt(job, attemptClock, metrics);
        SmtpConnection connection = held;
        try {
            boolean dealt = false;
            Set<InetSocketAddress> tried = new HashSet<>();
            if (connection != null && connection.isUsable()) {
                List<QueuedMail> sending = attempt.pending();
                TransactionResult result = connection.send(job.transaction(sending)).join();
                dealt = attempt.sent(sending, result);
                if (!lostUnanswered(result)) {
                    tried.add(connection.host().address());
                } // else the server closed the idle connection as we used it: its host gets a fresh one
            }
            for (RemoteHost host : job.hop().hosts()) {
                if (dealt || attempt.pending().isEmpty() || stopping) {
                    break;
                }
                if (!tried.add(host.address())) {
                    continue;
                }
                connection = close(connection);
                ConnectResult result = connect(host, job.hop());
                if (result instanceof ConnectResult.Failed failed) {
                    log.debug("{}: {}", host, failed.failure());
                    attempt.connectionFailed(host, failed.failure());
                    continue;
                }
                connection = ((ConnectResult.Connected) result).connection();
                List<QueuedMail> sending = attempt.pending();
                dealt = attempt.sent(sending, connection.send(job.transaction(sending)).join());
            }
        } catch (RuntimeException e) {
            log.error("relay attempt to {} failed", job.hop().key(), e);
            connection = close(connection);
        }
        CompletableFuture<Void> recorded = CompletableFuture.completedFuture(null);
        try {
            if (attempt.tried() || !stopping) {
                recorded = recorder.finished(job, attempt.settle());
            } // else nothing happened: the entries stay leased and the stopping worker releases them
        } finally {
            // the sender goes on with the next job while the outcome is written
            recorded.whenComplete((v, e) -> job.done().complete(null));
        }
        return connection != null && connection.isUsable() ? connection : close(connection);
    }

    /** Whether the connection was lost before the server said anything about any recipient. */
    private static boolean lostUnanswered(TransactionResult result) {
        return result.recipients().stream().allMatch(r -> r.failure() != null && r.failure().reply() == null
                && r.failure().kind() == FailureKind.CONNECTION_LOST);
    }

    /**
     * A connection as the hop's MTA-STS policy says (RFC 8461 §5): in mode enforce, TLS with a
     * verified certificate or nothing; in mode testing the same is tried, and on a TLS failure (or at
     * a host the policy does not name) the failure is reported and the host taken as without a policy.
     */
    private ConnectResult connect(RemoteHost host, NextHop hop) {
        StsApplied sts = hop.sts();
        if (sts == null || sts.mode() != MtaStsMode.TESTING) {
            ConnectResult result = connect(host, hop.tls(), hop.credentials());
            if (sts != null) {
                stsResult(sts, host, result);
            }
            return result;
        }
        if (!sts.policy().permits(host.name())) {
            stsFailed(sts, host, TlsResultType.VALIDATION_FAILURE, host.name() + " is not named by the policy");
            return connect(host, TlsPolicy.OPPORTUNISTIC, hop.credentials());
        }
        ConnectResult result = connect(host, TlsPolicy.AUTHENTICATED, hop.credentials());
        if (stsResult(sts, host, result)) {
            return connect(host, TlsPolicy.OPPORTUNISTIC, hop.credentials()); // §5: testing never stops mail
        }
        return result;
    }

    /** Counts the outcome of a connection under a policy; true when it failed for a TLS reason. */
    private boolean stsResult(StsApplied sts, RemoteHost host, ConnectResult result) {
        if (result instanceof ConnectResult.Connected) {
            metrics.stsResult(sts.mode().keyword(), "success");
            tlsSessions.session(sts, host, "success");
            return false;
        }
        SmtpFailure failure = ((ConnectResult.Failed) result).failure();
        TlsResultType type = TlsFailures.of(failure.kind());
        if (type == null) {
            return false; // not TLS's fault: refused, timed out
        }
        stsFailed(sts, host, type, failure.detail());
        return true;
    }

    private void stsFailed(StsApplied sts, RemoteHost host, TlsResultType type, String detail) {
        log.info("MTA-STS {} policy of {} (id {}) not met at {}: {}: {}", sts.mode().keyword(), sts.domain(), sts.id(),
                host, type.keyword(), detail);
        metrics.stsResult(sts.mode().keyword(), type.keyword());
        tlsSessions.session(sts, host, type.keyword());
    }

    /**
     * A connection; if the client's connection limit is reached, idle connections of every
     * destination are closed first and it is tried once more (our own limit is no host's fault).
     */
    private ConnectResult connect(RemoteHost host, TlsPolicy tls, SmtpCredentials credentials) {
        ConnectResult result = client.connect(host, tls, credentials).join();
        if (result instanceof ConnectResult.Failed failed && failed.failure().kind() == FailureKind.CONNECTION_LIMIT
                && closeIdle(null) > 0) {
            result = client.connect(host, tls, credentials).join();
        }
        if (result instanceof ConnectResult.Connected) {
            metrics.connectionOpened();
        }
        return result;
    }

    private static SmtpConnection close(SmtpConnection connection) {
        if (connection != null) {
            connection.close();
        }
        return null;
    }

    /** Closes idle connections parked before {@code before} (all with null) and waits until they are closed. */
    private int closeIdle(Instant before) {
        List<SmtpConnection> expired = new ArrayList<>();
        synchronized (queues) {
            for (DestinationQueue queue : queues.values()) {
                expired.addAll(queue.expire(before));
            }
            queues.values().removeIf(DestinationQueue::isUnused);
        }
        CompletableFuture.allOf(expired.stream().map(SmtpConnection::close).toArray(CompletableFuture[]::new)).join();
        return expired.size();
    }

    private void sweep() {
        try {
            closeIdle(Instant.now().minus(idleTime));
        } catch (RuntimeException e) {
            log.warn("closing idle relay connections failed: {}", e.toString());
        }
    }

    /** Starts no further job; jobs not started complete without an attempt. */
    void stopSending() {
        stopping = true;
        List<RelayJob> abandoned = new ArrayList<>();
        synchronized (queues) {
            for (DestinationQueue queue : queues.values()) {
                abandoned.addAll(queue.drain());
            }
        }
        abandoned.forEach(job -> job.done().complete(null));
    }

    /** Stops sending and closes every idle connection; senders under way end with their transaction. */
    @Override
    public void close() {
        stopSending();
        senders.shutdown();
        reaper.shutdownNow();
        closeIdle(null);
        senders.shutdownNow();
    }
}
