-- The relay's queue worker (issue 11). Instances share outbound_queue through leases: a claim sets
-- leased_by/leased_until in one short statement (SELECT ... FOR UPDATE SKIP LOCKED), the sending
-- happens outside any transaction, and a lease that ran out (its instance died) makes the row due
-- again. Rows are deleted once delivered or bounced; while one waits, every attempt is kept for
-- operators (host, reply, time), and an operator may hold it.
ALTER TABLE outbound_queue
    ADD COLUMN held           boolean NOT NULL DEFAULT false, -- not sent until released
    ADD COLUMN leased_by      text,                           -- the instance sending it now, or null
    ADD COLUMN leased_until   timestamptz,                    -- after this another instance may take it
    ADD COLUMN last_attempt   timestamptz,                    -- when it was last tried, null before the first try
    ADD COLUMN delay_reported boolean NOT NULL DEFAULT false; -- the delay warning (RFC 3464 "delayed") went out

DROP INDEX outbound_queue_due;
CREATE INDEX outbound_queue_due ON outbound_queue (next_attempt, id) WHERE NOT held;

-- One row per host tried for a waiting recipient (several per attempt when an MX host failed and
-- the next one was tried); deleted with the queue row.
CREATE TABLE outbound_attempts (
    id           bigserial PRIMARY KEY,
    queue_id     bigint NOT NULL REFERENCES outbound_queue (id) ON DELETE CASCADE,
    attempted_at timestamptz NOT NULL,
    host         text,                 -- e.g. mx.example.org[192.0.2.1]:25; null when no host was reached (DNS)
    status       text NOT NULL,        -- the RFC 3463 status of the outcome
    reply        text NOT NULL         -- the remote reply, or what went wrong
);
CREATE INDEX outbound_attempts_entry ON outbound_attempts (queue_id, attempted_at);
