package io.mailplatform.store.dmarc;

import io.mailplatform.core.dmarc.report.AggregateReport;
import io.mailplatform.core.dmarc.report.AggregateReportXml;
import io.mailplatform.core.dmarc.report.ReportFormatException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The DMARC aggregate reports other receivers sent about our domains, as read from their mail or
 * uploaded by an operator. A report that comes twice (same reporter, id and domain) is kept once.
 */
@Repository
public class ReceivedDmarcReports {
    private final JdbcClient jdbc;

    public ReceivedDmarcReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What the list shows of a report.
     *
     * @param messages messages the report covers
     * @param failed of which neither DKIM nor SPF passed aligned
     */
    public record Summary(long id, String domain, String orgName, String email, String reportId, Instant begin,
            Instant end, long messages, long failed, Instant receivedAt) {
    }

    /** A report with what the reporter said. */
    public record Stored(Summary summary, AggregateReport report) {
    }

    /** Keeps the report; the id of the stored one, also when it was there already. */
    public long save(AggregateReport report) {
        long messages = report.records().stream().mapToLong(AggregateReport.Row::count).sum();
        long failed = report.records().stream()
                .filter(row -> !"pass".equalsIgnoreCase(row.dkim()) && !"pass".equalsIgnoreCase(row.spf()))
                .mapToLong(AggregateReport.Row::count).sum();
        jdbc.sql("""
                INSERT INTO dmarc_received_reports (domain, org_name, email, report_id, begin_at, end_at,
                    message_count, failed_count, xml)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (org_name, report_id, domain) DO NOTHING
                """).params(report.policy().domain(), report.orgName(), report.email(), report.reportId(),
                Timestamp.from(report.begin()), Timestamp.from(report.end()), messages, failed,
                new String(AggregateReportXml.write(report), StandardCharsets.UTF_8)).update();
        return jdbc.sql("SELECT id FROM dmarc_received_reports WHERE org_name = ? AND report_id = ? AND domain = ?")
                .params(report.orgName(), report.reportId(), report.policy().domain()).query(Long.class).single();
    }

    /** The newest reports first (by period), of one domain or of all when {@code domain} is null. */
    public List<Summary> list(String domain, int limit) {
        return jdbc.sql("""
                SELECT * FROM dmarc_received_reports WHERE (CAST(? AS text) IS NULL OR domain = ?)
                ORDER BY begin_at DESC, id DESC LIMIT ?
                """).params(domain, domain, limit).query(ReceivedDmarcReports::summary).list();
    }

    public Optional<Stored> find(long id) {
        return jdbc.sql("SELECT * FROM dmarc_received_reports WHERE id = ?").param(id).query((rs, n) -> {
            try {
                return new Stored(summary(rs, n), AggregateReportXml.parse(rs.getString("xml").getBytes(StandardCharsets.UTF_8)));
            } catch (ReportFormatException e) {
                throw new IllegalStateException("stored report " + id + " is not readable", e); // we wrote it
            }
        }).optional();
    }

    private static Summary summary(ResultSet rs, int n) throws SQLException {
        return new Summary(rs.getLong("id"), rs.getString("domain"), rs.getString("org_name"), rs.getString("email"),
                rs.getString("report_id"), rs.getTimestamp("begin_at").toInstant(), rs.getTimestamp("end_at").toInstant(),
                rs.getLong("message_count"), rs.getLong("failed_count"), rs.getTimestamp("received_at").toInstant());
    }
}
