package io.mailplatform.delivery.relay;

import io.mailplatform.delivery.local.PeriodicWork;
import io.mailplatform.store.relay.OutboundQueue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;

/**
 * The gauge {@value #DEPTH}: entries of the relay queue by {@code state} ({@code queued},
 * {@code deferred}, {@code in-flight}, {@code held}, {@code bouncing}), counted in the database every
 * {@code mail.relay.poll-interval} rather than at each scrape, so that a scrape never waits for the
 * database. The queue is shared, so every instance reports the same figures; while the database
 * cannot be read they are NaN (unknown), not the last ones.
 */
public final class RelayQueueGauges extends PeriodicWork {
    public static final String DEPTH = "mail.relay.queue.depth";

    private final OutboundQueue queue;
    private volatile Map<OutboundQueue.State, Long> depth;

    public RelayQueueGauges(OutboundQueue queue, MeterRegistry registry, Duration interval) {
        super("relay-queue-gauges", interval);
        this.queue = queue;
        for (OutboundQueue.State state : OutboundQueue.State.values()) {
            Gauge.builder(DEPTH, this, gauges -> gauges.depth(state)).tag("state", state.label())
                    .description("entries of the relay queue").register(registry);
        }
    }

    /** Counts the queue now. */
    public void refresh() {
        try {
            depth = queue.depth();
        } catch (RuntimeException e) {
            depth = null;
            throw e;
        }
    }

    private double depth(OutboundQueue.State state) {
        Map<OutboundQueue.State, Long> current = depth;
        return current == null ? Double.NaN : current.get(state);
    }

    @Override
    protected void runPeriodically() {
        refresh();
    }
}
