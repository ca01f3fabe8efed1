-- IMAP SORT (DATE) and ESORT over a large mailbox without reading the message contents: each message
-- carries its content's sent_date (the Date header, immutable like the content), so ordering by
-- coalesce(sent_date, internal_date) reads only the narrow messages rows. Before this, SORT (DATE)
-- joined every message to message_contents and read its wide heap (raw, summary, search vectors).
-- Written by every INSERT INTO messages from the content row (or the copied message row).
ALTER TABLE messages ADD COLUMN sent_date timestamptz;

UPDATE messages m SET sent_date = c.sent_date
FROM message_contents c
WHERE c.id = m.content_id AND c.sent_date IS NOT NULL;
