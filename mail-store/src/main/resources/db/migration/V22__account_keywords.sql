-- Keywords that the messages of an account have been given by its clients (IMAP STORE, APPEND),
-- one row per distinct keyword, so that mail.store.limits.max-keywords can be enforced without
-- reading every message. A keyword stays registered after the last message carrying it is gone
-- (as in Dovecot's index); delivery's own keywords ($SpfSoftfail) are not registered.
CREATE TABLE account_keywords (
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    keyword     text NOT NULL,
    PRIMARY KEY (account_id, keyword)
);

INSERT INTO account_keywords (account_id, keyword)
SELECT DISTINCT b.account_id, k FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id, unnest(m.keywords) k
ON CONFLICT DO NOTHING;
