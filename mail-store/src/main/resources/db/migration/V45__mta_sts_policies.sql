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
