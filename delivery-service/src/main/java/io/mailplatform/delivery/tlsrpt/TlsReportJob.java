package io.mailplatform.delivery.tlsrpt;

import io.mailplatform.core.mtasts.MtaStsPolicyParser;
import io.mailplatform.core.mtasts.MtaStsSyntaxException;
import io.mailplatform.core.tlsrpt.TlsReport;
import io.mailplatform.core.tlsrpt.TlsResultType;
import io.mailplatform.core.tlsrpt.TlsRptRecord;
import io.mailplatform.delivery.config.TlsRptProperties;
import io.mailplatform.delivery.dns.DnsException;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.store.tlsrpt.TlsRptSessions;
import io.mailplatform.store.tlsrpt.TlsRptSessions.Count;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily TLS reports (RFC 8460 §4, §5): once a UTC day is over, each domain the relay had sessions
 * with under a policy that day gets one report, claimed in PostgreSQL by one instance, sent to every
 * rua of its {@code _smtp._tls} record. A domain without a record gets none. Days up to
 * {@code days-back} ago are caught up.
 */
public final class TlsReportJob implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsReportJob.class);

    private final TlsRptProperties properties;
    private final String organization;
    private final String contact;
    private final TlsRptSessions sessions;
    private final DnsResolver dns;
    private final ReportSender sender;
    private final Clock clock;
    private final String instance;
    private final ScheduledExecutorService scheduler;

    public TlsReportJob(TlsRptProperties properties, String organization, String contact, TlsRptSessions sessions,
            DnsResolver dns, ReportSender sender, Clock clock, String instance) {
        this.properties = properties;
        this.organization = organization;
        this.contact = contact;
        this.sessions = sessions;
        this.dns = dns;
        this.sender = sender;
        this.clock = clock;
        this.instance = instance;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("tls-rpt", true));
    }

    /** Looks for days to report every {@code check-interval}. */
    public void start() {
        long interval = properties.checkInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("TLS-RPT: reporting failed: {}", e.toString());
            }
        }, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Sends the reports due now; returns how many domains' days this instance reported. */
    public int runOnce() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int reported = 0;
        for (int back = properties.daysBack(); back >= 1; back--) {
            LocalDate day = today.minusDays(back);
            for (String domain : sessions.unreported(day)) {
                if (sessions.claim(day, domain, instance, clock.instant())) {
                    String outcome = report(day, domain);
                    log.info("TLS-RPT: report of {} for {}: {}", day, domain, outcome);
                    sessions.reported(day, domain, outcome);
                    reported++;
                }
            }
        }
        return reported;
    }

    private String report(LocalDate day, String domain) {
        Optional<TlsRptRecord> record;
        try {
            record = TlsRptRecord.find(dns.txt(TlsRptRecord.name(domain)).records());
        } catch (DnsException e) {
            return "not sent: no answer for " + TlsRptRecord.name(domain) + ": " + e.getMessage();
        }
        if (record.isEmpty()) {
            return "not sent: no TLS-RPT record";
        }
        TlsReport report = report(day, domain, sessions.counts(day, domain));
        byte[] gzipped = gzip(report.json());
        List<String> outcomes = new ArrayList<>();
        for (String rua : record.get().rua()) {
            try {
                outcomes.add(sender.send(rua, domain, report, gzipped));
            } catch (ReportSender.ReportNotSent e) {
                outcomes.add("not sent: " + e.getMessage());
            }
        }
        return String.join("; ", outcomes);
    }

    /** One policy entry per policy id in force that day, its failures by result, host and address. */
    TlsReport report(LocalDate day, String domain, List<Count> counts) {
        Map<String, List<Count>> byPolicy = new LinkedHashMap<>();
        for (Count count : counts) {
            byPolicy.computeIfAbsent(count.policyId(), id -> new ArrayList<>()).add(count);
        }
        List<TlsReport.PolicyResult> policies = new ArrayList<>();
        for (List<Count> policyCounts : byPolicy.values()) {
            String text = policyCounts.get(0).policy();
            long successes = 0;
            List<TlsReport.FailureDetail> failures = new ArrayList<>();
            for (Count count : policyCounts) {
                if (count.result().equals("success")) {
                    successes += count.sessions();
                } else {
                    failures.add(new TlsReport.FailureDetail(resultType(count.result()), count.mxHost(),
                            count.receivingIp(), count.sessions()));
                }
            }
            policies.add(new TlsReport.PolicyResult("sts", List.of(text.split("\r\n")), domain, mx(text), successes,
                    failures));
        }
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new TlsReport(organization, start, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), contact,
                UUID.randomUUID().toString(), policies);
    }

    private static TlsResultType resultType(String keyword) {
        for (TlsResultType type : TlsResultType.values()) {
            if (type.keyword().equals(keyword)) {
                return type;
            }
        }
        return TlsResultType.VALIDATION_FAILURE;
    }

    private static List<String> mx(String policy) {
        try {
            return MtaStsPolicyParser.parse(policy).mx();
        } catch (MtaStsSyntaxException e) {
            return List.of(); // only parsed policies are counted; a change of rules must not lose the report
        }
    }

    private static byte[] gzip(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("gzip in memory cannot fail", e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
