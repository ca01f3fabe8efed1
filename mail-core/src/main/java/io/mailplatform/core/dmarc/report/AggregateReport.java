package io.mailplatform.core.dmarc.report;

import java.time.Instant;
import java.util.List;

/**
 * One DMARC aggregate report (RFC 7489 §7.2, the {@code feedback} element of appendix C): who reports,
 * for which period, the policy it found published and one row per group of messages that shared their
 * source, results and identifiers.
 *
 * @param orgName the reporting organisation
 * @param email its contact address
 * @param reportId unique among the reporter's reports
 * @param begin start of the reporting period
 * @param end end of the reporting period
 * @param policy the policy published for the domain reported on
 * @param records the rows
 */
public record AggregateReport(String orgName, String email, String reportId, Instant begin, Instant end,
        PolicyPublished policy, List<Row> records) {

    public AggregateReport {
        records = List.copyOf(records);
    }

    /**
     * The DMARC record as the reporter found it ({@code policy_published}).
     *
     * @param domain where the record was found
     * @param adkim "r" or "s"
     * @param aspf "r" or "s"
     * @param p the policy for the domain
     * @param sp the policy for its subdomains
     * @param pct the sampling rate
     */
    public record PolicyPublished(String domain, String adkim, String aspf, String p, String sp, int pct) {
    }

    /**
     * One {@code record}: the messages of one source and one set of results.
     *
     * @param sourceIp the sending client's address
     * @param count how many messages
     * @param disposition what the receiver did: none, quarantine or reject
     * @param dkim the DMARC-aligned DKIM result: pass or fail
     * @param spf the DMARC-aligned SPF result: pass or fail
     * @param headerFrom the RFC5322.From domain
     * @param dkimResults every DKIM signature checked
     * @param spfResults the SPF checks (normally one)
     */
    public record Row(String sourceIp, long count, String disposition, String dkim, String spf, String headerFrom,
            List<DkimAuth> dkimResults, List<SpfAuth> spfResults) {
        public Row {
            dkimResults = List.copyOf(dkimResults);
            spfResults = List.copyOf(spfResults);
        }
    }

    /** A DKIM signature's result ({@code auth_results/dkim}); the selector may be null. */
    public record DkimAuth(String domain, String selector, String result) {
    }

    /** An SPF result ({@code auth_results/spf}); scope "mfrom" or "helo", null when not given. */
    public record SpfAuth(String domain, String scope, String result) {
    }
}
