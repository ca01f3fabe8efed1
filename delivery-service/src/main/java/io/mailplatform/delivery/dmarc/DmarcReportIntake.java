package io.mailplatform.delivery.dmarc;

import io.mailplatform.core.dkim.DkimResult;
import io.mailplatform.core.dmarc.DmarcOutcome;
import io.mailplatform.core.dmarc.DmarcRecord;
import io.mailplatform.core.dmarc.report.AggregateReport;
import io.mailplatform.core.dmarc.report.ReportFormatException;
import io.mailplatform.core.dmarc.report.ReportMailReader;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.local.AuthenticationState;
import io.mailplatform.delivery.local.InboundMail;
import io.mailplatform.delivery.spf.SpfOutcome;
import io.mailplatform.store.dmarc.DmarcObservation;
import io.mailplatform.store.dmarc.DmarcObservations;
import io.mailplatform.store.dmarc.ReceivedDmarcReports;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The DMARC reporting side of delivery: counts the results of each message whose author domain asks for
 * aggregate reports (rua=), for the report job to send ({@link DmarcReportJob}), and reads the reports
 * that arrive at our own report addresses. Both are written in the delivery's transaction: a batch that
 * rolls back counts nothing. (A record that Kafka delivers again after its transaction committed is
 * counted again: the counts are per message received, not per message stored.)
 */
@Component
public class DmarcReportIntake {
    private static final Logger log = LoggerFactory.getLogger(DmarcReportIntake.class);

    private final DmarcObservations observations;
    private final ReceivedDmarcReports received;
    private final boolean send;
    private final Set<String> inboundAddresses;
    private final int maxReceivedSize;

    public DmarcReportIntake(DmarcObservations observations, ReceivedDmarcReports received, DeliveryProperties properties) {
        this.observations = observations;
        this.received = received;
        DeliveryProperties.Reports reports = properties.dmarc().reports();
        this.send = reports.send();
        this.inboundAddresses = reports.inboundAddresses().stream().map(a -> a.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.maxReceivedSize = (int) Math.min(Integer.MAX_VALUE - 8, reports.maxReceivedSize().toBytes());
    }

    /** What one batch adds; {@link #store()} it inside the delivery transaction. */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch {
        private final List<DmarcObservation> seen = new ArrayList<>();
        private final List<AggregateReport> reports = new ArrayList<>();

        public void add(InboundMail mail, AuthenticationState state) {
            if (send && state instanceof AuthenticationState.Checked checked) {
                observation(mail.envelope(), checked).ifPresent(seen::add);
            }
            if (!inboundAddresses.isEmpty() && mail.envelope().recipients().stream().map(EnvelopeRecipient::address)
                    .anyMatch(address -> inboundAddresses.contains(address.toLowerCase(Locale.ROOT)))) {
                try {
                    reports.addAll(ReportMailReader.read(mail.message(), maxReceivedSize));
                } catch (ReportFormatException e) {
                    log.info("envelope {}: mail to a DMARC report address holds no readable report: {}",
                            mail.envelope().id(), e.getMessage());
                }
            }
        }

        public void store() {
            if (!seen.isEmpty()) {
                observations.record(seen);
            }
            reports.forEach(received::save);
        }
    }

    /** The report row of a message, when DMARC found a record that asks for aggregate reports. */
    static Optional<DmarcObservation> observation(Envelope envelope, AuthenticationState.Checked checked) {
        DmarcOutcome dmarc = checked.dmarc();
        if (dmarc == null || dmarc.evaluation() == null || dmarc.evaluation().record().aggregateReportUris().isEmpty()
                || envelope.clientAddress() == null) {
            return Optional.empty();
        }
        DmarcOutcome.Evaluation evaluation = dmarc.evaluation();
        DmarcRecord record = evaluation.record();
        // RFC 7489 §6.6.2: we cannot refuse any more at this point, so a reject is applied as quarantine
        DmarcRecord.Policy applied = dmarc.disposition() == DmarcRecord.Policy.REJECT ? DmarcRecord.Policy.QUARANTINE
                : dmarc.disposition();
        SpfOutcome spf = checked.spf();
        List<DmarcObservation.DkimEntry> dkim = new ArrayList<>();
        for (DkimResult result : checked.dkim() == null ? List.<DkimResult>of() : checked.dkim()) {
            if (result.signature() != null) {
                dkim.add(new DmarcObservation.DkimEntry(result.signature().domain(), result.signature().selector(),
                        result.verdict().keyword()));
            }
        }
        return Optional.of(new DmarcObservation(envelope.receivedAt().truncatedTo(ChronoUnit.DAYS),
                evaluation.policyDomain(), dmarc.fromDomain(), envelope.clientAddress(), applied.keyword(),
                evaluation.dkimAligned(), evaluation.spfAligned(),
                spf == null ? "" : spf.domain().toLowerCase(Locale.ROOT),
                spf == null ? "" : "helo".equals(spf.identity()) ? "helo" : "mfrom",
                spf == null ? "none" : spf.result().keyword(), dkim,
                new DmarcObservation.Policy(record.strictDkim() ? "s" : "r", record.strictSpf() ? "s" : "r",
                        record.policy().keyword(), record.subdomainPolicy().keyword(), record.percent(),
                        record.aggregateReportUris()),
                1));
    }
}
