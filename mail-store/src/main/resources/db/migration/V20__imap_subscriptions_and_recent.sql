-- IMAP support (imap-service).

-- Subscriptions are names, not mailboxes (RFC 9051 §6.3.7): a name may be subscribed while no
-- mailbox of that name exists, and deleting a mailbox does not unsubscribe it.
CREATE TABLE subscriptions (
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        text NOT NULL,
    PRIMARY KEY (account_id, name)
);

INSERT INTO subscriptions (account_id, name) SELECT account_id, name FROM mailboxes WHERE subscribed;

-- Mailboxes created outside IMAP (an account's default mailboxes, the webmail) say whether they are
-- subscribed in mailboxes.subscribed; the subscription list follows that column on insert.
CREATE FUNCTION subscribe_new_mailbox() RETURNS trigger AS $$
BEGIN
    IF NEW.subscribed THEN
        INSERT INTO subscriptions (account_id, name) VALUES (NEW.account_id, NEW.name) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER mailboxes_subscribe AFTER INSERT ON mailboxes
    FOR EACH ROW EXECUTE FUNCTION subscribe_new_mailbox();

-- \Recent (RFC 3501 §2.3.2) for IMAP4rev1 sessions: messages with a UID above recent_uid have not
-- been announced to any session yet. The first session that selects the mailbox read-write claims
-- them by raising recent_uid; they are \Recent in that session only.
ALTER TABLE mailboxes ADD COLUMN recent_uid bigint NOT NULL DEFAULT 0;
