-- The idempotency rows of delivery are pruned by age (StoreHousekeeping), once Kafka can no
-- longer redeliver their records.
CREATE INDEX deliveries_delivered_at ON deliveries (delivered_at);
