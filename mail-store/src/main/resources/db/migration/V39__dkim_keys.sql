-- DKIM signing keys of hosted domains (RFC 6376). The private key is PKCS#8, encrypted with the
-- platform's secrets key (mail.store.secrets.key) and bound to its domain and selector; the public
-- key is kept as the p= value to publish. A retired key no longer signs; its record may stay
-- published until mail signed with it has been delivered.
CREATE TABLE dkim_keys (
    id          bigserial PRIMARY KEY,
    domain_id   bigint NOT NULL REFERENCES domains (id) ON DELETE CASCADE,
    selector    text NOT NULL,
    algorithm   text NOT NULL CHECK (algorithm IN ('rsa-sha256', 'ed25519-sha256')),
    private_key bytea NOT NULL,
    public_key  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz,
    UNIQUE (domain_id, selector)
);
