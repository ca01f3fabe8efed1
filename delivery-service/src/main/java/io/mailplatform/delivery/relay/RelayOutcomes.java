package io.mailplatform.delivery.relay;

import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.RelayProperties;
import io.mailplatform.delivery.dsn.DsnPlanner;
import io.mailplatform.delivery.dsn.DsnPolicy;
import io.mailplatform.delivery.dsn.RecipientStatus;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.store.jdbc.StoreTransactions;
import io.mailplatform.store.mailbox.InboundMessage;
import io.mailplatform.store.mailbox.MailboxDelivery;
import io.mailplatform.store.relay.QueuedRecipient;
import io.mailplatform.store.relay.RelayQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the outcome of an attempt in one short transaction: delivered and failed recipients leave
 * the queue, the others get their attempts recorded and their next attempt on the back-off
 * schedule, or fail once they are older than {@code max-age} (5.4.7). Reports go to the sender of
 * the queued envelope (never to the SRS reverse path of a forwarded copy) through
 * {@link DsnPlanner}, so {@link DsnPolicy} decides who is told what: failures, once a delay warning
 * after {@code delay-warning-after}, and "relayed" for NOTIFY=SUCCESS when the next hop did not take
 * the DSN parameters (RFC 3461 §5.2.2). One report per envelope and kind; its envelope id is made
 * from the first row's id, so a write that is repeated reports nothing twice.
 */
final class RelayOutcomes {
    private static final Logger log = LoggerFactory.getLogger(RelayOutcomes.class);
    /** RFC 3463 X.4.7: delivery time expired. */
    static final String EXPIRED = "5.4.7";

    private final RelayQueue queue;
    private final QueuedContents contents;
    private final MailboxDelivery store;
    private final StoreTransactions transactions;
    private final RecipientResolver resolver;
    private final DsnPlanner dsn;
    private final RetrySchedule schedule;
    private final RelayProperties settings;
    private final Clock clock;
    private final String instance;
    private final RelayMetrics metrics;

    RelayOutcomes(RelayQueue queue, QueuedContents contents, MailboxDelivery store, StoreTransactions transactions,
            RecipientResolver resolver, DsnPlanner dsn, RetrySchedule schedule, RelayProperties settings, Clock clock,
            String instance, RelayMetrics metrics) {
        this.queue = queue;
        this.contents = contents;
        this.store = store;
        this.transactions = transactions;
        this.resolver = resolver;
        this.dsn = dsn;
        this.schedule = schedule;
        this.settings = settings;
        this.clock = clock;
        this.instance = instance;
        this.metrics = metrics;
    }

    /** Records one attempt's outcome; returns whether a report was queued for the relay. */
    boolean record(List<Settled> settled) {
        Instant now = clock.instant();
        List<String> outcomes = new ArrayList<>();
        List<String> reportActions = new ArrayList<>();
        boolean queuedReport = transactions.inTransaction(() -> {
            outcomes.clear();
            reportActions.clear();
            List<Long> done = new ArrayList<>();
            List<RelayQueue.Retry> retries = new ArrayList<>();
            Reports reports = new Reports();
            Map<Long, Report> delayWarnings = new HashMap<>();
            for (Settled outcome : settled) {
                QueuedMail mail = outcome.mail();
                QueuedRecipient row = mail.row();
                EnvelopeRecipient reported = mail.reported();
                Envelope envelope = mail.envelope();
                if (outcome.disposition() instanceof Disposition.Delivered delivered) {
                    log.info("envelope {}: to=<{}> relay={} sent ({})", row.envelopeId(), row.recipient(), delivered.host(),
                            delivered.reply());
                    done.add(row.id());
                    outcomes.add("delivered");
                    if (!delivered.dsnPassedOn() && DsnPolicy.wanted(envelope, reported, DsnNotify.SUCCESS)) {
                        reports.add("relayed", mail, new RecipientStatus(row.recipient(), reported.originalRecipient(),
                                "relayed", delivered.reply().status().toString(), delivered.reply().toString(),
                                delivered.host().name(), null));
                    }
                } else if (outcome.disposition() instanceof Disposition.Failed failed) {
                    log.info("envelope {}: to=<{}> bounced ({})", row.envelopeId(), row.recipient(), failed.diagnostic());
                    done.add(row.id());
                    outcomes.add("failed");
                    failure(reports, mail, failed.status(), failed.diagnostic(), failed.remoteMta());
                } else {
                    Disposition.Deferred deferred = (Disposition.Deferred) outcome.disposition();
                    Duration age = Duration.between(row.createdAt(), now);
                    if (age.compareTo(settings.maxAge()) >= 0) {
                        log.info("envelope {}: to=<{}> expired after {} ({})", row.envelopeId(), row.recipient(),
                                settings.maxAge(), deferred.lastError());
                        done.add(row.id());
                        outcomes.add("expired");
                        failure(reports, mail, EXPIRED, deferred.diagnostic(), deferred.remoteMta());
                        continue;
                    }
                    boolean warn = !row.delayReported() && !settings.delayWarningAfter().isZero()
                            && age.compareTo(settings.delayWarningAfter()) >= 0;
                    outcomes.add("deferred");
                    Duration wait = schedule.delay(row.attempts() + 1);
                    log.info("envelope {}: to=<{}> deferred, next attempt in {} ({})", row.envelopeId(), row.recipient(),
                            wait, deferred.lastError());
                    retries.add(new RelayQueue.Retry(row.id(), now.plus(wait), deferred.lastError(),
                            row.delayReported() || warn, outcome.attempts()));
                    if (warn && DsnPolicy.delayWarned(envelope, reported)) {
                        delayWarnings.put(row.id(), new Report(mail, new RecipientStatus(row.recipient(),
                                reported.originalRecipient(), "delayed", deferred.status(), deferred.diagnostic(),
                                deferred.remoteMta(), row.createdAt().plus(settings.maxAge()))));
                    }
                }
            }
            // a row another instance took over (this one's lease ran out) is that one's to report
            Set<Long> rescheduled = new HashSet<>(queue.reschedule(instance, retries, now));
            delayWarnings.forEach((id, report) -> {
                if (rescheduled.contains(id)) {
                    reports.add("delayed", report.mail(), report.status());
                }
            });
            queue.remove(done);
            List<InboundMessage> messages = reports.plan(reportActions);
            return !messages.isEmpty() && !store.deliver(messages).queued().isEmpty();
        });
        // counted once committed: a transaction that rolled back is written again by another attempt
        outcomes.forEach(metrics::settled);
        reportActions.forEach(metrics::reportSent);
        return queuedReport;
    }

    private void failure(Reports reports, QueuedMail mail, String status, String diagnostic, String remoteMta) {
        EnvelopeRecipient reported = mail.reported();
        if (DsnPolicy.wanted(mail.envelope(), reported, DsnNotify.FAILURE)) {
            reports.add("failed", mail, new RecipientStatus(mail.row().recipient(), reported.originalRecipient(), "failed",
                    status, diagnostic, remoteMta, null));
        }
    }

    private record Report(QueuedMail mail, RecipientStatus status) {
    }

    /** The reports of one attempt: one DSN per envelope and kind. */
    private final class Reports {
        private final Map<String, List<Report>> byKey = new LinkedHashMap<>();

        void add(String kind, QueuedMail mail, RecipientStatus status) {
            byKey.computeIfAbsent(kind + "\u0000" + mail.row().envelopeId(), k -> new ArrayList<>())
                    .add(new Report(mail, status));
        }

        /** The reports to write; the action of each is added to {@code actions}. */
        List<InboundMessage> plan(List<String> actions) {
            if (byKey.isEmpty()) {
                return List.of();
            }
            RecipientResolver.Session routing = resolver.session();
            List<InboundMessage> messages = new ArrayList<>();
            byKey.forEach((key, group) -> {
                String kind = key.substring(0, key.indexOf('\u0000'));
                QueuedMail first = group.get(0).mail();
                long firstId = group.stream().mapToLong(r -> r.mail().row().id()).min().orElseThrow();
                QueuedContents.Original original = contents.forReport(first.row().contentId(),
                        DsnPolicy.returnsContent(first.envelope()));
                dsn.plan(first.envelope(), group.stream().map(Report::status).toList(), original.octets(),
                        original.complete(), "relay-" + kind + "-" + firstId, routing).ifPresent(message -> {
                            messages.add(message);
                            actions.add(kind);
                        });
            });
            return messages;
        }
    }
}
