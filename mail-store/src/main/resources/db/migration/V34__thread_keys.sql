-- IMAP THREAD=REFERENCES (RFC 5256 §3): what threading needs of each content beyond its base subject
-- (sort_subject, V30) and sent date, computed once by ThreadKeys (mail-core) when the content is stored.
-- thread_references NULL: not computed yet (contents stored before this migration, or imported): the first
-- THREAD of a mailbox computes them from the stored header (ThreadKeyBackfill) and writes them back, once.
ALTER TABLE message_contents
    ADD COLUMN thread_message_id text,    -- first valid Message-ID, normalized; NULL when there is none
    ADD COLUMN thread_references text,    -- References (else In-Reply-To) ids, normalized, oldest first, space-separated
    ADD COLUMN thread_reply      boolean; -- the Subject marks a reply or forward (RFC 5256 §3 step 5)
