package io.mailplatform.delivery.dmarc;

import io.mailplatform.core.dmarc.report.AggregateReport;
import io.mailplatform.core.dmarc.report.AggregateReportXml;
import io.mailplatform.core.dmarc.report.ReportArchive;
import io.mailplatform.core.dmarc.report.ReportMessage;
import io.mailplatform.core.dmarc.report.ReportUri;
import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.dkim.DkimSigning;
import io.mailplatform.delivery.local.PeriodicWork;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.store.dmarc.DmarcObservation;
import io.mailplatform.store.dmarc.DmarcObservations;
import io.mailplatform.store.jdbc.StoreTransactions;
import io.mailplatform.store.mailbox.InboundMessage;
import io.mailplatform.store.mailbox.MailboxDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the DMARC aggregate reports of the days that are over (RFC 7489 §7.2): takes their rows out of
 * the database, makes one report per (day, policy domain), and queues it on the relay to each accepted
 * rua= address ({@link ReportDestinations}), in one transaction, so a report is queued exactly once
 * even with several instances, and rows whose report could not be queued stay for the next run.
 * Reports are DKIM-signed when the From domain has keys. A report larger than the smaller of
 * {@code mail.delivery.dmarc.reports.max-report-size} and the address's own limit is not sent there.
 * Reports to an address in one of our own domains are not sent (logged): nothing we host asks us for them.
 */
public class DmarcReportJob extends PeriodicWork {
    private static final Logger log = LoggerFactory.getLogger(DmarcReportJob.class);

    private final DmarcObservations observations;
    private final MailboxDelivery store;
    private final StoreTransactions transactions;
    private final ReportDestinations destinations;
    private final DkimSigning signing;
    private final RecipientResolver routing;
    private final Clock clock;
    private final String receiver;
    private final String orgName;
    private final String from;
    private final long maxReportSize;

    public DmarcReportJob(DmarcObservations observations, MailboxDelivery store, StoreTransactions transactions,
            ReportDestinations destinations, DkimSigning signing, RecipientResolver routing, DeliveryProperties properties,
            Clock clock) {
        super("dmarc-reports", properties.dmarc().reports().interval());
        this.observations = observations;
        this.store = store;
        this.transactions = transactions;
        this.destinations = destinations;
        this.signing = signing;
        this.routing = routing;
        this.clock = clock;
        DeliveryProperties.Reports reports = properties.dmarc().reports();
        this.receiver = properties.hostname();
        this.orgName = reports.orgName() == null || reports.orgName().isBlank() ? receiver : reports.orgName();
        this.from = reports.from() == null || reports.from().isBlank() ? "dmarc-reports@" + receiver : reports.from();
        this.maxReportSize = reports.maxReportSize().toBytes();
    }

    @Override
    protected void runPeriodically() {
        runOnce();
    }

    /** Sends the reports of every day before today (by the clock); returns how many mails were queued. */
    public int runOnce() {
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS);
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            List<DmarcObservation> taken = observations.takeBefore(today);
            if (taken.isEmpty()) {
                return 0;
            }
            Map<String, List<DmarcObservation>> byReport = new LinkedHashMap<>();
            for (DmarcObservation o : taken) {
                byReport.computeIfAbsent(o.periodStart().getEpochSecond() + "." + o.policyDomain(), k -> new ArrayList<>())
                        .add(o);
            }
            List<InboundMessage> mails = new ArrayList<>();
            RecipientResolver.Session session = routing.session();
            byReport.forEach((reportId, rows) -> mails.addAll(mails(reportId, rows, session, now)));
            if (!mails.isEmpty()) {
                store.deliver(mails);
            }
            return mails.size();
        });
    }

    private List<InboundMessage> mails(String reportId, List<DmarcObservation> rows, RecipientResolver.Session session,
            Instant now) {
        DmarcObservation first = rows.get(0);
        AggregateReport report = report(reportId, rows);
        byte[] gzip = ReportArchive.gzip(AggregateReportXml.write(report));
        Set<String> rua = new LinkedHashSet<>();
        rows.forEach(row -> rua.addAll(row.policy().rua()));
        List<InboundMessage> mails = new ArrayList<>();
        for (ReportUri uri : destinations.of(first.policyDomain(), List.copyOf(rua))) {
            if (session.isLocal(uri.domain())) {
                log.info("DMARC report {} for {}: {} is one of our own domains, not sent", reportId,
                        first.policyDomain(), uri.address());
                continue;
            }
            byte[] message = signing.sign(ReportMessage.render(receiver, from, uri.address(), report, gzip, now));
            if (message.length > maxReportSize || !uri.accepts(message.length)) {
                log.warn("DMARC report {} for {}: {} octets, more than {} accepts; not sent", reportId,
                        first.policyDomain(), message.length, uri.address());
                continue;
            }
            String envelopeId = "dmarc." + reportId + "." + mails.size();
            Envelope envelope = new Envelope(envelopeId, "", List.of(EnvelopeRecipient.of(uri.address())), null, receiver,
                    null, null, now, BodyType.SEVEN_BIT, false, null, null);
            mails.add(new InboundMessage(envelopeId, message, now, List.of(), List.of(new InboundMessage.RemoteCopy(
                    uri.address(), uri.domain(), "", EnvelopeCodec.encode(envelope)))));
        }
        return mails;
    }

    private AggregateReport report(String reportId, List<DmarcObservation> rows) {
        DmarcObservation first = rows.get(0);
        List<AggregateReport.Row> records = new ArrayList<>();
        for (DmarcObservation o : rows) {
            List<AggregateReport.SpfAuth> spf = o.spfDomain().isEmpty() ? List.of()
                    : List.of(new AggregateReport.SpfAuth(o.spfDomain(), o.spfScope(), o.spfResult()));
            records.add(new AggregateReport.Row(o.sourceIp(), o.count(), o.disposition(), o.dkimAligned() ? "pass" : "fail",
                    o.spfAligned() ? "pass" : "fail", o.headerFrom(),
                    o.dkimResults().stream().map(d -> new AggregateReport.DkimAuth(d.domain(), d.selector(), d.result()))
                            .toList(), spf));
        }
        DmarcObservation.Policy policy = first.policy();
        Instant begin = first.periodStart();
        return new AggregateReport(orgName, from, reportId, begin, begin.plus(Duration.ofDays(1)).minusSeconds(1),
                new AggregateReport.PolicyPublished(first.policyDomain(), policy.adkim(), policy.aspf(), policy.p(),
                        policy.sp(), policy.pct()), records);
    }
}
