-- Directory: domains, accounts, aliases, distribution lists, catch-all.
-- Addresses and domains are stored lower-cased (A-label domains); comparisons are exact on these keys.

CREATE TABLE domains (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    catch_all   text,                        -- address that receives mail for unknown local parts, or null
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
    id              bigserial PRIMARY KEY,
    domain_id       bigint NOT NULL REFERENCES domains (id) ON DELETE CASCADE,
    address         text NOT NULL UNIQUE,
    password_hash   text NOT NULL,           -- adaptive hash with its {id} prefix (Spring Security)
    apop_secret     bytea,                   -- encrypted APOP shared secret, or null (APOP refused)
    quota_bytes     bigint,                  -- null: unlimited
    enabled         boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- One alias address may point at several targets (one to many); targets may themselves be aliases.
CREATE TABLE aliases (
    address     text NOT NULL,
    target      text NOT NULL,
    domain_id   bigint NOT NULL REFERENCES domains (id) ON DELETE CASCADE,
    PRIMARY KEY (address, target)
);

CREATE TABLE distribution_lists (
    id              bigserial PRIMARY KEY,
    domain_id       bigint NOT NULL REFERENCES domains (id) ON DELETE CASCADE,
    address         text NOT NULL UNIQUE,
    members_only    boolean NOT NULL DEFAULT false   -- only members may send to the list
);

CREATE TABLE list_members (
    list_id     bigint NOT NULL REFERENCES distribution_lists (id) ON DELETE CASCADE,
    member      text NOT NULL,
    PRIMARY KEY (list_id, member)
);

-- Mailbox store. UIDVALIDITY values come from a sequence that starts at the epoch second the schema
-- was created, so a mailbox re-created under an old name never reuses an old UIDVALIDITY.
DO $$
BEGIN
    EXECUTE format('CREATE SEQUENCE uid_validity_seq START WITH %s MAXVALUE 4294967295',
                   extract(epoch FROM clock_timestamp())::bigint);
END $$;

CREATE TABLE mailboxes (
    id              bigserial PRIMARY KEY,
    account_id      bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name            text NOT NULL,           -- full hierarchical name, '/' delimiter, UTF-8
    uid_validity    bigint NOT NULL DEFAULT nextval('uid_validity_seq'),
    uid_next        bigint NOT NULL DEFAULT 1,
    highest_modseq  bigint NOT NULL DEFAULT 1,
    special_use     text,                    -- RFC 6154 attribute (\Sent, \Junk, ...), or null
    subscribed      boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, name)
);

-- Message content is stored once and shared by every mailbox entry that refers to it.
CREATE TABLE message_contents (
    id              bigserial PRIMARY KEY,
    size            integer NOT NULL,
    body_offset     integer NOT NULL,        -- where the body starts (header size including the blank line)
    raw             bytea NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE message_contents ALTER COLUMN raw SET STORAGE EXTERNAL;  -- uncompressed TOAST: cheap substring reads

CREATE TABLE messages (
    mailbox_id      bigint NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    uid             bigint NOT NULL,
    content_id      bigint NOT NULL REFERENCES message_contents (id),
    modseq          bigint NOT NULL,
    flags           smallint NOT NULL DEFAULT 0,   -- bit set of system flags, see MessageFlags
    keywords        text[] NOT NULL DEFAULT '{}',
    internal_date   timestamptz NOT NULL,
    size            integer NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
);
CREATE INDEX messages_modseq ON messages (mailbox_id, modseq);
CREATE INDEX messages_content ON messages (content_id);

-- Expunged UIDs with the MODSEQ of the expunge, for QRESYNC VANISHED (RFC 7162).
CREATE TABLE expunged_messages (
    mailbox_id  bigint NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    uid         bigint NOT NULL,
    modseq      bigint NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
);

-- Idempotency of delivery: one row per (envelope, recipient) delivered.
CREATE TABLE deliveries (
    envelope_id     text NOT NULL,
    recipient       text NOT NULL,
    delivered_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (envelope_id, recipient)
);
