package io.mailplatform.delivery.metrics;

import io.mailplatform.delivery.consume.BatchCommitListener;
import io.mailplatform.delivery.local.InboundMail;
import io.mailplatform.store.mailbox.BatchDeliveryResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The meters of local delivery, taken once a batch's transaction committed (so a batch that is
 * rolled back and replayed counts once):
 * <ul>
 * <li>{@code mail.delivery.copies} by {@code outcome}: {@code stored} in a mailbox, {@code deferred}
 * (account over quota, tried again later), {@code queued} for the relay, {@code duplicate} (a
 * redelivered record whose copy was stored before);</li>
 * <li>{@code mail.delivery.latency}: from the gateway's receipt of a message (its envelope's receive
 * time) to the commit that stored its first copy, as a histogram.</li>
 * </ul>
 */
@Component
public class DeliveryMeters implements BatchCommitListener {
    public static final String COPIES = "mail.delivery.copies";
    public static final String LATENCY = "mail.delivery.latency";

    private final Counter stored;
    private final Counter deferred;
    private final Counter queued;
    private final Counter duplicates;
    private final Timer latency;
    private final Clock clock;

    public DeliveryMeters(MeterRegistry registry) {
        this.clock = Clock.systemUTC();
        this.stored = copies(registry, "stored");
        this.deferred = copies(registry, "deferred");
        this.queued = copies(registry, "queued");
        this.duplicates = copies(registry, "duplicate");
        this.latency = Timer.builder(LATENCY).description("from receipt at the gateway to the stored copy")
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofHours(1))
                .publishPercentileHistogram().register(registry);
    }

    private static Counter copies(MeterRegistry registry, String outcome) {
        return Counter.builder(COPIES).tag("outcome", outcome).description("recipient copies handled by delivery")
                .register(registry);
    }

    @Override
    public void committed(List<InboundMail> batch, BatchDeliveryResult result) {
        stored.increment(result.stored().size());
        deferred.increment(result.deferred().size());
        queued.increment(result.queued().size());
        duplicates.increment(result.duplicates());
        Set<String> storedEnvelopes = new HashSet<>();
        result.stored().forEach(copy -> storedEnvelopes.add(copy.envelopeId()));
        long now = clock.millis();
        for (InboundMail mail : batch) {
            if (storedEnvelopes.remove(mail.envelope().id()) && mail.envelope().receivedAt() != null) {
                latency.record(Duration.ofMillis(Math.max(0, now - mail.envelope().receivedAt().toEpochMilli())));
            }
        }
    }
}
