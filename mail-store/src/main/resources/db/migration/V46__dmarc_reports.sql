-- DMARC aggregate reports (RFC 7489 §7.2).
-- What we send: one row per reporting period (a UTC day), policy domain and group of messages that
-- share source address, disposition and results; the daily report job removes the rows of a finished
-- period in the transaction that queues their reports. Empty strings, not NULLs, in the key columns,
-- so that the unique key groups rows without a value.
CREATE TABLE dmarc_observations (
    id            bigserial PRIMARY KEY,
    period_start  timestamptz NOT NULL,
    policy_domain text NOT NULL,
    header_from   text NOT NULL,
    source_ip     text NOT NULL,
    disposition   text NOT NULL CHECK (disposition IN ('none', 'quarantine', 'reject')),
    dkim_aligned  boolean NOT NULL,
    spf_aligned   boolean NOT NULL,
    spf_domain    text NOT NULL,
    spf_scope     text NOT NULL,
    spf_result    text NOT NULL,
    -- one line per signature checked: "domain selector result"
    dkim_results  text NOT NULL,
    -- the policy as last seen in the period (what policy_published reports)
    adkim         text NOT NULL,
    aspf          text NOT NULL,
    p             text NOT NULL,
    sp            text NOT NULL,
    pct           integer NOT NULL,
    rua           text NOT NULL,
    message_count bigint NOT NULL DEFAULT 1,
    UNIQUE (period_start, policy_domain, header_from, source_ip, disposition, dkim_aligned, spf_aligned,
            spf_domain, spf_scope, spf_result, dkim_results)
);
CREATE INDEX dmarc_observations_period ON dmarc_observations (period_start);

-- What we receive for our domains: the report as we read it (re-serialised XML, so the detail view
-- needs no second format), with the columns the list view filters and sums by. A report that comes
-- twice (the same reporter, id and domain) is kept once.
CREATE TABLE dmarc_received_reports (
    id            bigserial PRIMARY KEY,
    domain        text NOT NULL,
    org_name      text NOT NULL,
    email         text,
    report_id     text NOT NULL,
    begin_at      timestamptz NOT NULL,
    end_at        timestamptz NOT NULL,
    message_count bigint NOT NULL,
    failed_count  bigint NOT NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    xml           text NOT NULL,
    UNIQUE (org_name, report_id, domain)
);
CREATE INDEX dmarc_received_reports_domain ON dmarc_received_reports (domain, begin_at DESC);
