-- Delivery (issue 4): per-recipient trace fields, SPF policy per domain, deferred local deliveries
-- (quota) and the outbound relay queue.

-- Per-recipient trace fields (Return-Path, Delivered-To) of one mailbox entry. The content row is
-- shared by every recipient of a message; a client sees trace_prefix || raw, and messages.size
-- counts both.
ALTER TABLE messages ADD COLUMN trace_prefix bytea;

-- What happens to mail whose SPF result is "fail" (RFC 7208 §8.4) for recipients of this domain:
-- 'junk' (delivered to the Junk mailbox) or 'discard' (logged, not stored); null means the
-- service-wide default (mail.delivery.spf.fail-action).
ALTER TABLE domains ADD COLUMN spf_fail_policy text CHECK (spf_fail_policy IN ('junk', 'discard'));

-- Local deliveries that failed temporarily (over quota): retried with back-off, then bounced with
-- a DSN. A row exists only while the delivery is pending; its deliveries row already exists, so a
-- redelivered Kafka record does not deliver it a second time.
CREATE TABLE deferred_deliveries (
    id              bigserial PRIMARY KEY,
    envelope_id     text NOT NULL,
    recipient       text NOT NULL,           -- final local address, the idempotency key
    account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    mailbox_name    text NOT NULL,
    content_id      bigint NOT NULL REFERENCES message_contents (id),
    trace_prefix    bytea,
    flags           smallint NOT NULL DEFAULT 0,
    keywords        text[] NOT NULL DEFAULT '{}',
    internal_date   timestamptz NOT NULL,
    envelope        bytea NOT NULL,          -- EnvelopeCodec form, reduced to the original recipient
    created_at      timestamptz NOT NULL DEFAULT now(),
    next_attempt    timestamptz NOT NULL,
    attempts        integer NOT NULL DEFAULT 1,
    last_error      text,
    UNIQUE (envelope_id, recipient)
);
CREATE INDEX deferred_deliveries_due ON deferred_deliveries (next_attempt);
CREATE INDEX deferred_deliveries_content ON deferred_deliveries (content_id);

-- Outbound relay queue: one row per remote recipient (authenticated submissions, forwarding
-- aliases, DSNs to remote senders). The relay consumes it: rows due at next_attempt, grouped by
-- domain, attempts and last_error kept for back-off and for the DSN after the retry period.
CREATE TABLE outbound_queue (
    id              bigserial PRIMARY KEY,
    envelope_id     text NOT NULL,
    reverse_path    text NOT NULL,           -- '' for the null reverse-path (DSNs)
    recipient       text NOT NULL,           -- the forward path to use at the remote MX
    domain          text NOT NULL,           -- the recipient's domain: what the relay looks up MX for
    content_id      bigint NOT NULL REFERENCES message_contents (id),
    envelope        bytea NOT NULL,          -- EnvelopeCodec form (NOTIFY, ORCPT, RET, ENVID, SMTPUTF8, BODY)
    created_at      timestamptz NOT NULL DEFAULT now(),
    next_attempt    timestamptz NOT NULL DEFAULT now(),
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    UNIQUE (envelope_id, recipient)
);
CREATE INDEX outbound_queue_due ON outbound_queue (next_attempt);
CREATE INDEX outbound_queue_content ON outbound_queue (content_id);
