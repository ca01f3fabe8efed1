-- Full-text indexing deferred for messages stored by clients (IMAP APPEND, the webmail's Sent copies and
-- drafts): the search vectors of message_contents stay NULL and the content is queued here; a background
-- job (SearchIndexQueue) fills them a little later, and a SEARCH that needs them in a mailbox first indexes
-- that mailbox's queued contents itself, so no search misses a message. Computing the vectors is most of
-- the cost of storing a message, and a draft a client replaces within seconds is never indexed at all.
-- A content deleted before it is indexed leaves the queue with it. No row lock is held while a content is
-- indexed (that would make the deletion of an expunged message wait): the job marks what it takes with
-- claimed_at, and a claim older than a few minutes (an instance that died meanwhile) is taken again.
CREATE TABLE search_index_queue (
    content_id bigint PRIMARY KEY REFERENCES message_contents (id) ON DELETE CASCADE,
    queued_at  timestamptz NOT NULL DEFAULT now(),
    claimed_at timestamptz
);
CREATE INDEX search_index_queue_queued_at ON search_index_queue (queued_at);
