-- MTA-STS policies of the domains the relay sends to (RFC 8461 §5.1), shared by every delivery
-- instance so that a policy seen by one protects the mail of all. Kept as fetched (the policy file's
-- text) with the id of the _mta-sts record it was fetched for; valid until expires_at (fetch time
-- plus max_age), whatever DNS says meanwhile (§3.3).
CREATE TABLE mta_sts_policies (
    domain     text PRIMARY KEY,
    policy_id  text NOT NULL,
    policy     text NOT NULL,
    fetched_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

-- TLS-RPT (RFC 8460): the sessions with the MX hosts of domains under an MTA-STS policy, counted per
-- UTC day, policy and result ('success' or an RFC 8460 result type), and the daily reports: a row
-- in tls_rpt_reports claims a domain's day for one instance, so each report is sent once.
CREATE TABLE tls_rpt_sessions (
    day          date NOT NULL,
    domain       text NOT NULL,
    policy_id    text NOT NULL,
    policy       text NOT NULL,
    result       text NOT NULL,
    mx_host      text NOT NULL,
    receiving_ip text NOT NULL,
    sessions     bigint NOT NULL,
    PRIMARY KEY (day, domain, policy_id, result, mx_host, receiving_ip)
);

CREATE TABLE tls_rpt_reports (
    day        date NOT NULL,
    domain     text NOT NULL,
    claimed_by text NOT NULL,
    claimed_at timestamptz NOT NULL,
    outcome    text,
    PRIMARY KEY (day, domain)
);
