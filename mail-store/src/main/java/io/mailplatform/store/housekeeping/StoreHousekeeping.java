package io.mailplatform.store.housekeeping;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes what the store no longer needs, a bounded batch per call so that no transaction grows
 * with the backlog. (Contents are deleted eagerly by the operations that drop their last reference.)
 * Several instances may run it at once: rows are claimed with SKIP LOCKED.
 */
@Repository
public class StoreHousekeeping {
    private final JdbcClient jdbc;

    public StoreHousekeeping(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Deletes up to {@code limit} delivery idempotency rows recorded before {@code before}; returns
     * how many. Safe once no Kafka record older than that can be delivered again.
     */
    @Transactional
    public int pruneDeliveries(Instant before, int limit) {
        return jdbc.sql("""
                DELETE FROM deliveries WHERE (envelope_id, recipient) IN (
                    SELECT envelope_id, recipient FROM deliveries WHERE delivered_at < ?
                    ORDER BY delivered_at LIMIT ? FOR UPDATE SKIP LOCKED)""")
                .params(Timestamp.from(before), limit)
                .update();
    }
}
