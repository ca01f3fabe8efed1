-- The parsed summary of each message content, computed once when it is stored (delivery or APPEND)
-- so IMAP FETCH ENVELOPE/BODYSTRUCTURE/BODY[section], SEARCH and the webmail never parse again.
ALTER TABLE message_contents
    ADD COLUMN summary       bytea,        -- MessageSummaryCodec output (first octet: format version); null: not parsed yet
    ADD COLUMN sent_date     timestamptz,  -- the Date header (SEARCH SENTBEFORE/SENTON/SENTSINCE); null when missing or unparsable
    ADD COLUMN subject       text,         -- decoded display text of Subject (SEARCH SUBJECT)
    ADD COLUMN from_text     text,         -- decoded display text of From, "Name <mailbox@host>, ..." (SEARCH FROM)
    ADD COLUMN to_text       text,         -- ... of To (SEARCH TO)
    ADD COLUMN cc_text       text,         -- ... of Cc (SEARCH CC)
    ADD COLUMN bcc_text      text,         -- ... of Bcc (SEARCH BCC)
    ADD COLUMN search_vector tsvector;     -- to_tsvector('simple', search text): headers above and decoded text parts (SEARCH BODY/TEXT)

CREATE INDEX message_contents_search ON message_contents USING gin (search_vector);
