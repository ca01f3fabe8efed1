package io.mailplatform.delivery.relay;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeFormatException;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.RelayProperties;
import io.mailplatform.delivery.consume.BatchCommitListener;
import io.mailplatform.delivery.local.InboundMail;
import io.mailplatform.delivery.relay.smtp.MessageContent;
import io.mailplatform.delivery.relay.smtp.StoredMessageContent;
import io.mailplatform.store.mailbox.BatchDeliveryResult;
import io.mailplatform.store.mailbox.MessageContents;
import io.mailplatform.store.relay.QueuedRecipient;
import io.mailplatform.store.relay.RelayQueue;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The relay's queue worker: claims due entries of {@code outbound_queue} (a lease, so that any
 * number of instances share the queue and each entry is sent by one), routes them by domain, groups
 * the recipients of one message for one domain into one transaction, hands the transactions to the
 * {@link RelayDispatcher} and records their outcomes. It looks for due entries every
 * {@code poll-interval}, and at once when this instance has queued new mail; at most
 * {@code max-in-flight} entries are worked on at a time, and their leases are renewed while they
 * are. At a stop it claims nothing more, lets transactions under way finish for
 * {@code shutdown-grace} and gives the other leases back, so that another instance can send them
 * at once.
 *
 * <p>Delivery is at least once: a remote server's 250 and the deletion of the entry are not atomic
 * (SMTP has no two-phase commit, RFC 5321 §6.1). If an instance dies between the two, or cannot
 * write the outcome, the entry is sent again after its lease ran out: a duplicate, as with every MTA.
 * The window is the time of one short database write.
 */
public final class RelayWorker implements SmartLifecycle, BatchCommitListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RelayWorker.class);
    /** RFC 3463 X.3.0: the content a row points to is gone (it never should be). */
    private static final String CONTENT_MISSING = "5.3.0";
    /** RFC 3463 X.0.0 (no more specific code fits): an operator deleted the entry with a report. */
    static final Disposition DELETED_BY_ADMINISTRATOR =
            new Disposition.Failed("5.0.0", "554 5.0.0 deleted by administrator", null);

    private final RelayProperties settings;
    private final int chunkSize;
    private final RelayQueue queue;
    private final NextHopResolver hops;
    private final MessageContents messageContents;
    private final QueuedContents contents;
    private final RelayOutcomes outcomes;
    private final RelayDispatcher dispatcher;
    private final OutcomeWriter writer;
    private final RelayMetrics metrics;
    private final Clock clock;
    private final String instance;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<CompletableFuture<Void>> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private final ExecutorService routing;
    private final ScheduledExecutorService scheduler;
    private volatile boolean backlog;
    private volatile boolean started;
    private volatile boolean accepting = true;

    /**
     * @param parts the stores and services the worker uses
     * @param chunkSize octets of message read from the store at a time
     * @param clock the time of claims, leases, retries and ages (a test moves it)
     * @param instance this worker's name in the leases, unique among live instances
     */
    public RelayWorker(RelayProperties settings, int chunkSize, RelayParts parts, Clock clock, String instance) {
        this.settings = settings;
        this.chunkSize = chunkSize;
        this.queue = parts.queue();
        this.hops = parts.hops();
        this.messageContents = parts.messageContents();
        this.contents = new QueuedContents(parts.messageContents());
        this.clock = clock;
        this.instance = instance;
        this.outcomes = new RelayOutcomes(parts.queue(), contents, parts.store(), parts.transactions(), parts.resolver(),
                parts.dsn(), parts.schedule(), settings, clock, instance, parts.metrics());
        this.metrics = parts.metrics();
        this.writer = new OutcomeWriter("relay-outcomes", this::finished, settings.batchSize());
        this.dispatcher = new RelayDispatcher(parts.client(), settings.maxConnectionsPerDestination(),
                parts.maxConnections(), settings.connectionIdleTime(), clock,
                (job, settled) -> writer.submit(job.ids(), settled), parts.metrics(), parts.tlsSessions());
        this.routing = Executors.newFixedThreadPool(settings.routingThreads(), new DefaultThreadFactory("relay-routing", true));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("relay-queue", true));
    }

    /** This worker's name in the leases it holds. */
    public String instance() {
        return instance;
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    @Override
    public void start() {
        if (!settings.enabled()) {
            log.info("relay disabled (mail.relay.enabled=false): queued mail waits for another instance");
            return;
        }
        started = true;
        long poll = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::poll, 0, poll, TimeUnit.MILLISECONDS);
        long renew = Math.max(1, settings.lease().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(this::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
        log.info("relay {} started: polling every {}", instance, settings.pollInterval());
    }

    @Override
    public void stop() {
        if (!started) {
            return;
        }
        started = false;
        accepting = false;
        scheduler.shutdown();
        dispatcher.stopSending();
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                    .get(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.info("relay {}: transactions still under way after {}; their entries are released", instance,
                    settings.shutdownGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.warn("relay {}: {}", instance, e.getCause().toString());
        }
        releaseAll();
        dispatcher.close();
        writer.close();
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Frees the worker's threads (after {@link #stop()}, or for a worker never started). */
    @Override
    public void close() {
        accepting = false;
        scheduler.shutdownNow();
        routing.shutdownNow();
        if (!inFlight.isEmpty()) {
            releaseAll();
        }
        dispatcher.close();
        writer.close();
    }

    /** New mail was queued by this instance: look at once rather than at the next poll. */
    @Override
    public void committed(List<InboundMail> batch, BatchDeliveryResult result) {
        if (!result.queued().isEmpty()) {
            wakeUp();
        }
    }

    /** Looks for due entries soon, on the worker's thread (several calls before it runs count once). */
    public void wakeUp() {
        if (started && accepting && wakeUpPending.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    wakeUpPending.set(false);
                    poll();
                });
            } catch (RejectedExecutionException e) {
                wakeUpPending.set(false); // stopping
            }
        }
    }

    /**
     * Claims and works the due entries now, on the caller's thread, and waits until every attempt it
     * started is recorded; returns how many entries it claimed. For tests and operators; the
     * background polling runs beside it, and the two never take the same entry.
     */
    public int runOnce() throws InterruptedException {
        Pass pass = pass();
        try {
            CompletableFuture.allOf(pass.work().toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("relay pass did not complete", e);
        }
        return pass.claimed();
    }

    private void poll() {
        try {
            pass();
        } catch (RuntimeException e) {
            log.warn("relay {}: looking at the queue failed, next try in {}: {}", instance, settings.pollInterval(),
                    e.toString());
        }
    }

    private record Pass(int claimed, List<CompletableFuture<Void>> work) {
    }

    private Pass pass() {
        List<CompletableFuture<Void>> work = new ArrayList<>();
        int claimed = 0;
        backlog = false;
        while (accepting) {
            int room = settings.maxInFlight() - inFlight.size();
            if (room <= 0) {
                backlog = true;
                break;
            }
            int limit = Math.min(room, settings.batchSize());
            Instant now = clock.instant();
            List<QueuedRecipient> rows = queue.claim(instance, now, now.plus(settings.lease()), limit);
            if (rows.isEmpty()) {
                break;
            }
            claimed += rows.size();
            rows.forEach(row -> inFlight.add(row.id()));
            Map<String, List<QueuedRecipient>> byDomain = new LinkedHashMap<>();
            for (QueuedRecipient row : rows) {
                byDomain.computeIfAbsent(row.domain().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(row);
            }
            byDomain.forEach((domain, domainRows) -> work.add(track(CompletableFuture
                    .supplyAsync(() -> route(domain, domainRows), routing)
                    .thenCompose(jobs -> jobs)
                    .exceptionally(e -> {
                        log.error("relay {}: routing {} failed; its entries are retried after their lease", instance,
                                domain, e);
                        domainRows.forEach(row -> inFlight.remove(row.id()));
                        return null;
                    }))));
            if (rows.size() < limit) {
                break;
            }
        }
        return new Pass(claimed, work);
    }

    private CompletableFuture<Void> track(CompletableFuture<Void> future) {
        running.add(future);
        future.whenComplete((v, e) -> running.remove(future));
        return future;
    }

    // ---- one domain --------------------------------------------------------------------------------

    /** Routes the entries of one domain and queues their transactions; completes when all are recorded. */
    private CompletableFuture<Void> route(String domain, List<QueuedRecipient> rows) {
        List<QueuedMail> mails = withdrawn(rows.stream().map(RelayWorker::read).toList());
        if (mails.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Destination destination = hops.resolve(domain);
        if (destination instanceof Destination.Unreachable unreachable) {
            log.info("relay: no way to {} now: {}", domain, unreachable.reason());
            metrics.attempted(RelayMetrics.Result.NO_ROUTE, mails.size());
            settle(mails, unreachable.permanent()
                    ? new Disposition.Failed(unreachable.status(), unreachable.reason(), null)
                    : new Disposition.Deferred(unreachable.status(), unreachable.reason(), null, unreachable.reason()));
            return CompletableFuture.completedFuture(null);
        }
        NextHop hop = ((Destination.Reachable) destination).hop();
        Map<String, List<QueuedMail>> messages = new LinkedHashMap<>();
        for (QueuedMail mail : mails) {
            QueuedRecipient row = mail.row();
            messages.computeIfAbsent(row.envelopeId() + "\u0000" + row.contentId() + "\u0000" + row.reversePath(),
                    k -> new ArrayList<>()).add(mail);
        }
        // the size and header of every message of the batch in one query, not two per message
        Map<Long, MessageContents.Head> heads = messageContents.heads(
                mails.stream().map(m -> m.row().contentId()).toList(), QueuedContents.HEAD);
        Map<Long, Integer> received = new HashMap<>();
        List<CompletableFuture<Void>> jobs = new ArrayList<>();
        for (List<QueuedMail> message : messages.values()) {
            long contentId = message.get(0).row().contentId();
            MessageContents.Head head = heads.get(contentId);
            int count = received.computeIfAbsent(contentId, id -> contents.receivedCount(id, head));
            if (count > settings.maxReceived()) {
                // RFC 5321 §6.3: the message has travelled too far; a loop, or mail that would start one
                settle(message, new Disposition.Failed(NextHopResolver.LOOP, "554 " + NextHopResolver.LOOP + " mail loop: "
                        + count + " Received: fields, more than " + settings.maxReceived(), null));
                continue;
            }
            MessageContent content;
            try {
                if (count < 0) {
                    throw new IOException("message content " + contentId + " is not stored");
                }
                // a small message came whole with its batch's heads: no query of its own to send it
                content = head.octets().length >= head.size() ? MessageContent.of(head.octets())
                        : StoredMessageContent.of(messageContents, contentId, head.size(), new byte[0], chunkSize);
            } catch (IOException e) {
                log.error("relay: envelope {}: {}", message.get(0).row().envelopeId(), e.getMessage());
                settle(message, new Disposition.Failed(CONTENT_MISSING, "554 " + CONTENT_MISSING
                        + " the message is no longer stored here", null));
                continue;
            }
            for (int from = 0; from < message.size(); from += settings.maxRecipientsPerTransaction()) {
                List<QueuedMail> recipients = message.subList(from,
                        Math.min(message.size(), from + settings.maxRecipientsPerTransaction()));
                jobs.add(dispatcher.submit(new RelayJob(hop, recipients, content, new CompletableFuture<>())));
            }
        }
        return CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new));
    }

    /**
     * Settles the entries an operator deleted with a report (admin API): failed, so that the sender
     * gets the report every failure gets, and removed. Returns the others, to be sent.
     */
    private List<QueuedMail> withdrawn(List<QueuedMail> mails) {
        List<QueuedMail> deleted = mails.stream().filter(m -> m.row().bounceRequested()).toList();
        if (deleted.isEmpty()) {
            return mails;
        }
        settle(deleted, DELETED_BY_ADMINISTRATOR);
        return mails.stream().filter(m -> !m.row().bounceRequested()).toList();
    }

    /**
     * The row with its envelope. An envelope that cannot be read (it never should be) costs the
     * sender its reports, not the mail: it is sent with the row's paths and a null report address.
     */
    private static QueuedMail read(QueuedRecipient row) {
        try {
            return new QueuedMail(row, EnvelopeCodec.decode(row.envelope()));
        } catch (EnvelopeFormatException e) {
            log.warn("relay: envelope {} of queue entry {} is unreadable ({}); sent without reports", row.envelopeId(),
                    row.id(), e.getMessage());
            return new QueuedMail(row, new Envelope(row.envelopeId(), "", List.of(EnvelopeRecipient.of(row.recipient())),
                    null, null, null, null, row.createdAt(), BodyType.EIGHT_BIT_MIME, false, null, null));
        }
    }

    // ---- outcomes ------------------------------------------------------------------------------------

    /** The same outcome for recipients no host was tried for. */
    private void settle(List<QueuedMail> mails, Disposition disposition) {
        finished(mails.stream().map(m -> m.row().id()).toList(),
                mails.stream().map(m -> new Settled(m, disposition, List.of())).toList());
    }

    private void finished(List<Long> ids, List<Settled> settled) {
        try {
            if (outcomes.record(settled)) {
                wakeUp(); // a DSN to a remote sender was queued
            }
        } catch (RuntimeException e) {
            log.error("relay {}: recording the outcome of {} failed; they are tried again after their lease", instance,
                    ids, e);
        } finally {
            ids.forEach(inFlight::remove);
            if (backlog) {
                wakeUp();
            }
        }
    }

    private void renewLeases() {
        if (inFlight.isEmpty()) {
            return;
        }
        try {
            List<Long> ids = List.copyOf(inFlight);
            int held = queue.renew(instance, ids, clock.instant().plus(settings.lease()));
            if (held < ids.size()) {
                log.warn("relay {}: {} of {} leases were lost (taken over after they ran out)", instance,
                        ids.size() - held, ids.size());
            }
        } catch (RuntimeException e) {
            log.warn("relay {}: renewing leases failed: {}", instance, e.toString());
        }
    }

    private void releaseAll() {
        List<Long> ids = List.copyOf(inFlight);
        if (ids.isEmpty()) {
            return;
        }
        try {
            int released = queue.release(instance, ids);
            log.info("relay {}: released {} entries for other instances", instance, released);
            ids.forEach(inFlight::remove);
        } catch (RuntimeException e) {
            log.warn("relay {}: releasing {} entries failed, they are taken over after their lease: {}", instance,
                    ids.size(), e.toString());
        }
    }
}
