-- IMAP OBJECTID (RFC 8474): MAILBOXID and EMAILID are derived, not stored: a SHA-256 over a random per-account
-- salt and the mailbox id or the shared content id (ObjectIds). A mailbox keeps its row across RENAME, and a
-- COPY or MOVE keeps the content, so the ids are stable; the salt keeps them unlinkable across accounts (the
-- recipients of one delivery share one message_contents row, whose bare id would tell them so) and hides
-- how many mailboxes and messages the server holds. The volatile default gives every existing account its own salt.
ALTER TABLE accounts ADD COLUMN object_id_salt uuid NOT NULL DEFAULT gen_random_uuid();

-- IMAP PREVIEW (RFC 8970): up to 256 characters of the message's first text part, white space normalised
-- (MessagePreview, mail-core), computed with the other summary columns when the content is stored.
-- NULL: stored before this migration; the first FETCH PREVIEW without LAZY computes it from the stored
-- content and writes it back (MessagePreviews), FETCH PREVIEW (LAZY) answers NIL until then.
ALTER TABLE message_contents ADD COLUMN preview text;
