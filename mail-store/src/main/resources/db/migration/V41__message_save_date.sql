-- IMAP SAVEDATE (RFC 8514): when a message was saved in its current mailbox. Every insert into messages
-- (delivery, APPEND, COPY, MOVE, import) is a save, so the column default sets it; no statement names it.
-- Rows older than this migration keep NULL: their save date is unknown (FETCH SAVEDATE answers NIL, and
-- SAVEDBEFORE/SAVEDON/SAVEDSINCE compare their internal date instead). Not backfilled from internal_date,
-- which for APPEND is whatever date the client gave, so it would be a guess presented as a fact.
-- The default is set after the column is added, so existing rows are not rewritten and stay NULL.
ALTER TABLE messages ADD COLUMN save_date timestamptz;
ALTER TABLE messages ALTER COLUMN save_date SET DEFAULT now();
