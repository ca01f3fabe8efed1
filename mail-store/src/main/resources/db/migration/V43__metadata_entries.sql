-- IMAP METADATA (RFC 5464) entries of an account: server entries (mailbox_id NULL) and mailbox
-- entries. Keyed by mailbox id, so RENAME keeps them and deleting the mailbox deletes them.
-- Entry names are stored lower-cased (RFC 5464 §3.2: entry names are case-insensitive), with their
-- /private or /shared prefix.
CREATE TABLE metadata_entries (
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    mailbox_id  bigint REFERENCES mailboxes (id) ON DELETE CASCADE,
    entry       text NOT NULL,
    value       bytea NOT NULL
);
-- one value per entry; COALESCE because NULLs are never equal in a unique index
CREATE UNIQUE INDEX metadata_entries_key ON metadata_entries (account_id, COALESCE(mailbox_id, 0), entry);
CREATE INDEX metadata_entries_mailbox ON metadata_entries (mailbox_id) WHERE mailbox_id IS NOT NULL;
