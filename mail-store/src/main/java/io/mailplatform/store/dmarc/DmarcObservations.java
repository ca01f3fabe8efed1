package io.mailplatform.store.dmarc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of the DMARC aggregate reports we are going to send: counted as mail is delivered, taken out
 * once their period is over. Both run in the caller's transaction, so a delivery that rolls back counts
 * nothing and a report that cannot be queued leaves its rows for the next run.
 */
@Repository
public class DmarcObservations {
    private final JdbcClient jdbc;

    public DmarcObservations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the observations to their rows (a new row, or one more count on the same key). */
    public void record(List<DmarcObservation> observations) {
        for (DmarcObservation o : observations) {
            DmarcObservation.Policy policy = o.policy();
            jdbc.sql("""
                    INSERT INTO dmarc_observations (period_start, policy_domain, header_from, source_ip, disposition,
                        dkim_aligned, spf_aligned, spf_domain, spf_scope, spf_result, dkim_results,
                        adkim, aspf, p, sp, pct, rua, message_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (period_start, policy_domain, header_from, source_ip, disposition, dkim_aligned,
                        spf_aligned, spf_domain, spf_scope, spf_result, dkim_results)
                    DO UPDATE SET message_count = dmarc_observations.message_count + EXCLUDED.message_count,
                        adkim = EXCLUDED.adkim, aspf = EXCLUDED.aspf, p = EXCLUDED.p, sp = EXCLUDED.sp,
                        pct = EXCLUDED.pct, rua = EXCLUDED.rua
                    """)
                    .params(Timestamp.from(o.periodStart()), o.policyDomain(), o.headerFrom(), o.sourceIp(),
                            o.disposition(), o.dkimAligned(), o.spfAligned(), o.spfDomain(), o.spfScope(), o.spfResult(),
                            o.dkimResults().stream().map(d -> d.domain() + " " + d.selector() + " " + d.result())
                                    .collect(Collectors.joining("\n")),
                            policy.adkim(), policy.aspf(), policy.p(), policy.sp(), policy.pct(), String.join(",", policy.rua()),
                            o.count())
                    .update();
        }
    }

    /**
     * Removes and returns every row of the periods that started before {@code cutoff}; rows another
     * instance is taking at the same moment are skipped (it reports them).
     */
    public List<DmarcObservation> takeBefore(Instant cutoff) {
        return jdbc.sql("""
                DELETE FROM dmarc_observations WHERE id IN (
                    SELECT id FROM dmarc_observations WHERE period_start < ? FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).param(Timestamp.from(cutoff)).query(DmarcObservations::row).list();
    }

    private static DmarcObservation row(ResultSet rs, int n) throws SQLException {
        List<DmarcObservation.DkimEntry> dkim = new ArrayList<>();
        for (String line : rs.getString("dkim_results").split("\n")) {
            String[] parts = line.split(" ", -1);
            if (parts.length == 3) {
                dkim.add(new DmarcObservation.DkimEntry(parts[0], parts[1], parts[2]));
            }
        }
        String rua = rs.getString("rua");
        return new DmarcObservation(rs.getTimestamp("period_start").toInstant(), rs.getString("policy_domain"),
                rs.getString("header_from"), rs.getString("source_ip"), rs.getString("disposition"),
                rs.getBoolean("dkim_aligned"), rs.getBoolean("spf_aligned"), rs.getString("spf_domain"),
                rs.getString("spf_scope"), rs.getString("spf_result"), dkim,
                new DmarcObservation.Policy(rs.getString("adkim"), rs.getString("aspf"), rs.getString("p"),
                        rs.getString("sp"), rs.getInt("pct"), rua.isEmpty() ? List.of() : Arrays.asList(rua.split(","))),
                rs.getLong("message_count"));
    }
}
