-- The RFC 2342 "Shared Folders" namespace: public mailboxes that belong to no user (RFC 4314 ACLs
-- decide who reaches them). They are stored as the mailboxes of one platform-wide holder row in
-- accounts, so every mailbox table, the UID/MODSEQ allocation, mailbox.events and mailbox_acl work
-- for them unchanged. The holder is the only account without a domain: it has no address that
-- mail could reach or a login could name, is disabled, has no password and no quota. The store
-- creates it with the first public mailbox (store.acl.PublicFolders).
ALTER TABLE accounts ALTER COLUMN domain_id DROP NOT NULL;
ALTER TABLE accounts ADD CONSTRAINT accounts_public_holder CHECK (domain_id IS NOT NULL OR NOT enabled);
CREATE UNIQUE INDEX accounts_one_public_holder ON accounts ((domain_id IS NULL)) WHERE domain_id IS NULL;
