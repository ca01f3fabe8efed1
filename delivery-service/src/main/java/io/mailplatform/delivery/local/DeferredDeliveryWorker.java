package io.mailplatform.delivery.local;

import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeFormatException;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.dsn.DsnPlanner;
import io.mailplatform.delivery.dsn.DsnPolicy;
import io.mailplatform.delivery.dsn.RecipientStatus;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.store.jdbc.StoreTransactions;
import io.mailplatform.store.mailbox.DeferredDelivery;
import io.mailplatform.store.mailbox.InboundMessage;
import io.mailplatform.store.mailbox.MailboxDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Retries local deliveries deferred for quota (a temporary failure, RFC 3463 4.2.2): due copies are
 * stored once they fit; otherwise retried with doubling waits up to {@code mail.delivery.retry.max-delay};
 * after {@code give-up-after} they fail with a DSN (5.2.2) to the sender. Several instances share the
 * work: due rows are locked with SKIP LOCKED.
 */
@Component
public class DeferredDeliveryWorker extends PeriodicWork {
    private static final Logger log = LoggerFactory.getLogger(DeferredDeliveryWorker.class);
    private static final Duration FIRST_DELAY = Duration.ofMinutes(1);

    private final MailboxDelivery store;
    private final StoreTransactions transactions;
    private final RecipientResolver resolver;
    private final DsnPlanner dsn;
    private final DeliveryProperties.Retry settings;
    private final Clock clock;

    public DeferredDeliveryWorker(MailboxDelivery store, StoreTransactions transactions,
            RecipientResolver resolver, DsnPlanner dsn, DeliveryProperties properties) {
        super("deferred-deliveries", properties.retry().pollInterval());
        this.store = store;
        this.transactions = transactions;
        this.resolver = resolver;
        this.dsn = dsn;
        this.settings = properties.retry();
        this.clock = Clock.systemUTC();
    }

    @Override
    protected void runPeriodically() {
        Pass pass;
        do {
            pass = runOnce();
        } while (pass.delivered() + pass.rescheduled() + pass.bounced() >= settings.batchSize());
    }

    /** The outcome of one pass. */
    public record Pass(int delivered, int rescheduled, int bounced) {
    }

    /** Handles the due deferred copies, at most one batch; returns what happened. */
    public Pass runOnce() {
        return transactions.inTransaction(() -> {
            List<DeferredDelivery> due = store.lockDue(settings.batchSize());
            if (due.isEmpty()) {
                return new Pass(0, 0, 0);
            }
            List<DeferredDelivery> still = store.retry(due);
            Instant now = clock.instant();
            int bounced = 0;
            RecipientResolver.Session routing = resolver.session();
            List<InboundMessage> dsns = new ArrayList<>();
            for (DeferredDelivery deferred : still) {
                if (Duration.between(deferred.createdAt(), now).compareTo(settings.giveUpAfter()) >= 0) {
                    bounce(deferred, routing).ifPresent(dsns::add);
                    store.abandon(deferred);
                    bounced++;
                } else {
                    store.reschedule(deferred, now.plus(delay(deferred.attempts())), "452 4.2.2 Mailbox over quota");
                }
            }
            if (!dsns.isEmpty()) {
                store.deliver(dsns);
            }
            return new Pass(due.size() - still.size(), still.size() - bounced, bounced);
        });
    }

    /** Waits double with each attempt: 1, 2, 4 ... minutes, at most the configured maximum. */
    Duration delay(int attempts) {
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(attempts, 20));
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private Optional<InboundMessage> bounce(DeferredDelivery deferred, RecipientResolver.Session routing) {
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.decode(deferred.envelope());
        } catch (EnvelopeFormatException e) {
            log.warn("deferred delivery {} of envelope {} to {} given up; its envelope is unreadable, no DSN",
                    deferred.id(), deferred.envelopeId(), deferred.recipient());
            return Optional.empty();
        }
        EnvelopeRecipient recipient = envelope.recipients().isEmpty() ? EnvelopeRecipient.of(deferred.recipient())
                : envelope.recipients().get(0);
        log.info("envelope {}: {} still over quota after {}, returned to <{}>", deferred.envelopeId(), deferred.recipient(),
                settings.giveUpAfter(), envelope.reversePath());
        if (!DsnPolicy.wanted(envelope, recipient, DsnNotify.FAILURE)) {
            return Optional.empty();
        }
        byte[] original = store.content(deferred.contentId()).orElse(new byte[0]);
        RecipientStatus status = new RecipientStatus(recipient.address(), recipient.originalRecipient(), "failed", "5.2.2",
                "552 5.2.2 Mailbox full: over quota for " + settings.giveUpAfter().toHours() + " hours");
        return dsn.plan(envelope, List.of(status), original, "quota." + deferred.id(), routing);
    }
}
