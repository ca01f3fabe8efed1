-- EXPUNGE looks for the \Deleted messages of a mailbox (flag bit 8, MessageFlags.DELETED). Without an index of its
-- own it read every message of the mailbox, live and dead versions, to find the few marked (a bitmap scan of the
-- whole mailbox at every EXPUNGE, a mailbox of 100,000 messages included). This partial index holds only the
-- marked ones; STORE's updates already change an indexed column (modseq), so it costs them no HOT update.
CREATE INDEX messages_deleted ON messages (mailbox_id, uid) WHERE (flags & 8) <> 0;
