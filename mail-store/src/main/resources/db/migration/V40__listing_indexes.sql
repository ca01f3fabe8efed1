-- Keyset pages of a mailbox's message list in date or arrival order (webmail API, MessageSearch.sortPage):
-- with these, a page is an index walk from the cursor that stops after the page's rows, in either
-- direction, instead of sorting every message of the mailbox for each page. The expression is
-- SortCriterion.Key.DATE's, written the same way so the planner matches it.
CREATE INDEX messages_sort_date ON messages (mailbox_id, (coalesce(sent_date, internal_date)), uid);
CREATE INDEX messages_sort_arrival ON messages (mailbox_id, internal_date, uid);
