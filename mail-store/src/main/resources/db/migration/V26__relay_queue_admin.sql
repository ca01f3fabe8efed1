-- The relay queue's admin API (issue 11). An operator may delete a queued recipient with a failure
-- report to its sender. The API does not write the report itself: it only marks the row (and makes
-- it due, unheld); a relay worker claims it like any other, sends the report through the same path
-- as every other failure report (NOTIFY, RET, ENVID, ORCPT honoured; never one for the null reverse
-- path) and deletes it.
ALTER TABLE outbound_queue
    ADD COLUMN bounce_requested boolean NOT NULL DEFAULT false; -- delete with a failure report, by the relay

-- The admin API lists by id (keyset paging) and filters on the recipient domain.
CREATE INDEX outbound_queue_domain ON outbound_queue (lower(domain), id);
