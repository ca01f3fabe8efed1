package io.mailplatform.store.mtasts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The MTA-STS policies the relay fetched (RFC 8461 §5.1), one per recipient domain, in PostgreSQL so
 * that every delivery instance uses what any of them fetched. The text is stored as fetched; the
 * reader parses it.
 */
@Repository
public class StsPolicyCache {
    private final JdbcClient jdbc;

    public StsPolicyCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A fetched policy.
     *
     * @param domain the policy domain, lower case
     * @param id the id of the {@code _mta-sts} record it was fetched for
     * @param policy the policy file's text
     * @param fetchedAt when it was fetched (or last confirmed by the same id)
     * @param expiresAt when its max_age runs out
     */
    public record CachedPolicy(String domain, String id, String policy, Instant fetchedAt, Instant expiresAt) {
        public CachedPolicy {
            domain = domain.toLowerCase(Locale.ROOT);
        }
    }

    /** The domain's policy, expired or not. */
    public Optional<CachedPolicy> find(String domain) {
        return jdbc.sql("SELECT domain, policy_id, policy, fetched_at, expires_at FROM mta_sts_policies WHERE domain = ?")
                .param(domain.toLowerCase(Locale.ROOT))
                .query((rs, n) -> new CachedPolicy(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
                .optional();
    }

    /** Stores the domain's policy in place of the one before. */
    public void save(CachedPolicy policy) {
        jdbc.sql("""
                INSERT INTO mta_sts_policies (domain, policy_id, policy, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (domain) DO UPDATE SET policy_id = EXCLUDED.policy_id, policy = EXCLUDED.policy,
                    fetched_at = EXCLUDED.fetched_at, expires_at = EXCLUDED.expires_at""")
                .params(policy.domain(), policy.id(), policy.policy(), Timestamp.from(policy.fetchedAt()),
                        Timestamp.from(policy.expiresAt()))
                .update();
    }

    /** Forgets policies that expired before {@code before}; returns how many. */
    public int deleteExpired(Instant before) {
        return jdbc.sql("DELETE FROM mta_sts_policies WHERE expires_at < ?").param(Timestamp.from(before)).update();
    }
}
