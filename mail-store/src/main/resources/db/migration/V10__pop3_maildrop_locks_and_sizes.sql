-- POP3 (RFC 1939 §8: the server locks the maildrop for the length of a session) across every POP3
-- instance. A lock is a lease row rather than a PostgreSQL advisory lock: an advisory lock lives as
-- long as the connection that took it, so each POP3 session would pin a pooled connection for its
-- whole length. The holder renews expires_at by heartbeat while its session lives; a crashed
-- instance stops renewing and its leases lapse. The row stays after release (expires_at in the
-- past) so locked_at can enforce LOGIN-DELAY (RFC 2449 §6.5).
CREATE TABLE maildrop_locks (
    account_id  bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    owner       text NOT NULL,             -- instance and session that hold or last held the lease
    expires_at  timestamptz NOT NULL,      -- the lease is free once this has passed
    locked_at   timestamptz NOT NULL       -- when the holder's session logged in
);

-- The octet count of a message in the CRLF form POP3 sends (RFC 1939 §11: STAT and LIST count each
-- line ending as CRLF, even if the stored message has bare LFs), computed once per message entry.
CREATE TABLE message_crlf_sizes (
    mailbox_id  bigint NOT NULL,
    uid         bigint NOT NULL,
    crlf_size   bigint NOT NULL,
    PRIMARY KEY (mailbox_id, uid),
    FOREIGN KEY (mailbox_id, uid) REFERENCES messages (mailbox_id, uid) ON DELETE CASCADE
);
