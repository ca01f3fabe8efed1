package io.mailplatform.delivery.local;

import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.store.housekeeping.StoreHousekeeping;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Prunes the (envelope id, recipient) records that make delivery idempotent once they are older
 * than {@code mail.delivery.housekeeping.deliveries-retention}: without it the table grows by one
 * row per recipient of every message, forever.
 */
@Component
public class DeliveryRecordPruner extends PeriodicWork {
    private static final Logger log = LoggerFactory.getLogger(DeliveryRecordPruner.class);

    private final StoreHousekeeping housekeeping;
    private final DeliveryProperties.Housekeeping settings;
    private final Clock clock;

    public DeliveryRecordPruner(StoreHousekeeping housekeeping, DeliveryProperties properties) {
        super("delivery-record-pruner", properties.housekeeping().interval());
        this.housekeeping = housekeeping;
        this.settings = properties.housekeeping();
        this.clock = Clock.systemUTC();
    }

    @Override
    protected void runPeriodically() {
        runOnce();
    }

    /** Deletes every record older than the retention, batch by batch; returns how many. */
    public long runOnce() {
        Instant before = clock.instant().minus(settings.deliveriesRetention());
        long total = 0;
        int deleted;
        do {
            deleted = housekeeping.pruneDeliveries(before, settings.batchSize());
            total += deleted;
        } while (deleted >= settings.batchSize());
        if (total > 0) {
            log.info("pruned {} delivery records older than {}", total, before);
        }
        return total;
    }
}
