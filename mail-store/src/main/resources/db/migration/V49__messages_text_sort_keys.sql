-- The webmail's list by subject or sender, and IMAP SORT (SUBJECT) / (DISPLAYFROM), without joining every
-- message to its content: each message row carries a copy of its content's base subject and display-from
-- sort keys (V30), as it carries its Date since V31, and an index per key lets a list page walk from its
-- cursor (MessageSearch.sortPage). Contents are immutable, so the copy never goes stale.
-- A trigger makes the copy at every INSERT INTO messages (APPEND, delivery, import, COPY, MOVE): one
-- primary-key read of the content per new message, and no writer can forget it. Contents whose keys are
-- computed later (SortKeyBackfill, for contents stored before V30) are copied to their messages there.
ALTER TABLE messages
    ADD COLUMN sort_subject      text,
    ADD COLUMN sort_display_from text;

UPDATE messages m SET sort_subject = c.sort_subject, sort_display_from = c.sort_display_from
FROM message_contents c
WHERE c.id = m.content_id AND c.sort_subject IS NOT NULL;

CREATE FUNCTION messages_copy_sort_keys() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF NEW.sort_subject IS NULL THEN
        SELECT c.sort_subject, c.sort_display_from INTO NEW.sort_subject, NEW.sort_display_from
        FROM message_contents c WHERE c.id = NEW.content_id;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER messages_copy_sort_keys BEFORE INSERT ON messages
    FOR EACH ROW EXECUTE FUNCTION messages_copy_sort_keys();

CREATE INDEX messages_sort_subject ON messages (mailbox_id, (sort_subject COLLATE "C"), uid);
CREATE INDEX messages_sort_display_from ON messages (mailbox_id, (sort_display_from COLLATE "C"), uid);
-- Messages whose copies are missing (their content's keys are not computed yet): normally none, so a
-- list by subject or sender finds out whether the mailbox needs SortKeyBackfill with one empty index probe.
CREATE INDEX messages_sort_keys_missing ON messages (mailbox_id) WHERE sort_subject IS NULL;
