-- Access control lists of mailboxes (RFC 4314). One row per mailbox and grantee: an account, or
-- everyone (grantee_account_id null, the identifier "anyone"). The owner's own rights are never
-- stored: an owner always has every right on its mailboxes, so it cannot lock itself out. Rights
-- are the RFC 4314 letters of "lrswipkxtea" in that order, never the obsolete "c" and "d".
CREATE TABLE mailbox_acl (
    mailbox_id          bigint NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    grantee_account_id  bigint REFERENCES accounts (id) ON DELETE CASCADE,
    rights              text NOT NULL CHECK (rights <> '' AND rights ~ '^[lrswipkxtea]+$')
);

CREATE UNIQUE INDEX mailbox_acl_entry ON mailbox_acl (mailbox_id, coalesce(grantee_account_id, 0));
-- what is shared with an account (LIST, name look-ups of "Other Users/...")
CREATE INDEX mailbox_acl_grantee ON mailbox_acl (grantee_account_id, mailbox_id);
