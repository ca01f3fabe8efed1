package io.mailplatform.webmail.admin;

import io.mailplatform.core.dmarc.report.AggregateReport;
import io.mailplatform.core.dmarc.report.AggregateReportXml;
import io.mailplatform.core.dmarc.report.ReportArchive;
import io.mailplatform.core.dmarc.report.ReportFormatException;
import io.mailplatform.store.dmarc.ReceivedDmarcReports;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The DMARC aggregate reports other receivers sent about our domains (RFC 7489 §7.2): those mailed to
 * the report addresses of {@code mail.delivery.dmarc.reports.inbound-addresses}, and those an operator
 * uploads here (XML, gzip or zip, as the reporter's attachment came).
 */
@RestController
@RequestMapping("/api/admin/dmarc-reports")
public class DmarcReportAdminController {
    /** Largest upload, and largest unpacked XML. */
    static final int MAX_REPORT_BYTES = 5 << 20;
    static final int MAX_LIMIT = 500;

    private final ReceivedDmarcReports reports;

    public DmarcReportAdminController(ReceivedDmarcReports reports) {
        this.reports = reports;
    }

    /** A report as listed: who reported, the period, and how many of the messages failed DMARC. */
    public record ReportSummary(long id, String domain, String orgName, String email, String reportId,
            Instant begin, Instant end, long messages, long failed, Instant receivedAt) {
        static ReportSummary of(ReceivedDmarcReports.Summary s) {
            return new ReportSummary(s.id(), s.domain(), s.orgName(), s.email(), s.reportId(), s.begin(), s.end(),
                    s.messages(), s.failed(), s.receivedAt());
        }
    }

    /** A report with its published policy and rows. */
    public record ReportDetail(ReportSummary summary, AggregateReport.PolicyPublished policy,
            List<AggregateReport.Row> records) {
    }

    /** The newest reports first; 400 for a limit outside 1..{@value #MAX_LIMIT}. */
    @GetMapping
    public List<ReportSummary> list(@RequestParam(required = false) String domain,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        return reports.list(domain == null ? null : domain.toLowerCase(Locale.ROOT), limit).stream()
                .map(ReportSummary::of).toList();
    }

    @GetMapping("/{id}")
    public ReportDetail show(@PathVariable long id) {
        ReceivedDmarcReports.Stored stored = reports.find(id)
                .orElseThrow(() -> AdminResponses.notFound("no DMARC report " + id));
        return new ReportDetail(ReportSummary.of(stored.summary()), stored.report().policy(), stored.report().records());
    }

    /** 201 with the stored report (the same one again answers with the first); 400 when it cannot be read, 413 when too large. */
    @PostMapping
    public ResponseEntity<ReportDetail> upload(@RequestBody(required = false) byte[] body) {
        if (body == null || body.length == 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the body must be the report: XML, gzip or zip");
        }
        if (body.length > MAX_REPORT_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "a report is at most " + MAX_REPORT_BYTES + " octets");
        }
        AggregateReport report;
        try {
            report = AggregateReportXml.parse(ReportArchive.xml(body, MAX_REPORT_BYTES));
        } catch (ReportFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a DMARC aggregate report: " + e.getMessage());
        }
        long id = reports.save(report);
        return ResponseEntity.created(URI.create("/api/admin/dmarc-reports/" + id)).body(show(id));
    }
}
