package io.mailplatform.store.tlsrpt;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The TLS sessions of the relay with domains under a policy, counted per day for TLS reports
 * (RFC 8460), and which days of which domains have been reported.
 */
@Repository
public class TlsRptSessions {
    private final JdbcClient jdbc;

    public TlsRptSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sessions of one kind on one day.
     *
     * @param policyId the id of the policy in force
     * @param policy the policy's text
     * @param result {@code success} or an RFC 8460 result type
     * @param mxHost the MX host name
     * @param receivingIp its address
     * @param sessions how many
     */
    public record Count(String policyId, String policy, String result, String mxHost, String receivingIp, long sessions) {
    }

    /** One more session. */
    public void add(LocalDate day, String domain, String policyId, String policy, String result, String mxHost,
            String receivingIp) {
        jdbc.sql("""
                INSERT INTO tls_rpt_sessions (day, domain, policy_id, policy, result, mx_host, receiving_ip, sessions)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (day, domain, policy_id, result, mx_host, receiving_ip)
                DO UPDATE SET sessions = tls_rpt_sessions.sessions + 1""")
                .params(Date.valueOf(day), domain.toLowerCase(Locale.ROOT), policyId, policy, result,
                        mxHost.toLowerCase(Locale.ROOT), receivingIp)
                .update();
    }

    /** The domains with sessions on that day whose report no instance has claimed. */
    public List<String> unreported(LocalDate day) {
        return jdbc.sql("""
                SELECT DISTINCT s.domain FROM tls_rpt_sessions s WHERE s.day = ? AND NOT EXISTS
                    (SELECT 1 FROM tls_rpt_reports r WHERE r.day = s.day AND r.domain = s.domain) ORDER BY s.domain""")
                .param(Date.valueOf(day)).query(String.class).list();
    }

    /** Claims the report of a domain's day for this instance; false when another has it. */
    public boolean claim(LocalDate day, String domain, String instance, Instant now) {
        return jdbc.sql("""
                INSERT INTO tls_rpt_reports (day, domain, claimed_by, claimed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (day, domain) DO NOTHING""")
                .params(Date.valueOf(day), domain, instance, Timestamp.from(now)).update() == 1;
    }

    /** Where the report went, or why it did not, for operators. */
    public void reported(LocalDate day, String domain, String outcome) {
        jdbc.sql("UPDATE tls_rpt_reports SET outcome = ? WHERE day = ? AND domain = ?")
                .params(outcome, Date.valueOf(day), domain).update();
    }

    /** A claimed report's outcome, or null. */
    public String outcome(LocalDate day, String domain) {
        return jdbc.sql("SELECT outcome FROM tls_rpt_reports WHERE day = ? AND domain = ?")
                .params(Date.valueOf(day), domain).query(String.class).optional().orElse(null);
    }

    public List<Count> counts(LocalDate day, String domain) {
        return jdbc.sql("""
                SELECT policy_id, policy, result, mx_host, receiving_ip, sessions FROM tls_rpt_sessions
                WHERE day = ? AND domain = ? ORDER BY policy_id, result, mx_host, receiving_ip""")
                .params(Date.valueOf(day), domain)
                .query((rs, n) -> new Count(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)))
                .list();
    }
}
