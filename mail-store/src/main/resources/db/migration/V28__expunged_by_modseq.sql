-- Every IMAP session asks after each command which UIDs were expunged after its MODSEQ
-- (MessageIndex.changesSince): by (mailbox_id, modseq), not by a scan of every UID ever expunged
-- from the mailbox, which grows with the mailbox's history.
CREATE INDEX expunged_messages_modseq ON expunged_messages (mailbox_id, modseq);
