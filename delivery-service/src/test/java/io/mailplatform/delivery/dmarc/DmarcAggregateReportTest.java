package io.mailplatform.delivery.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.dmarc.report.AggregateReport;
import io.mailplatform.core.dmarc.report.AggregateReportXml;
import io.mailplatform.core.dmarc.report.ReportArchive;
import io.mailplatform.core.dmarc.report.ReportMailReader;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.dkim.DkimSigning;
import io.mailplatform.delivery.route.RecipientResolver;
import io.mailplatform.delivery.spf.StubDnsServerAccess;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.dmarc.DmarcObservations;
import io.mailplatform.store.dmarc.ReceivedDmarcReports;
import io.mailplatform.store.jdbc.StoreTransactions;
import io.mailplatform.store.mailbox.MailboxDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * DMARC aggregate reports through the real consumer, store, DNS server and relay queue: the results of
 * mail from a domain with rua= are counted per day; the report job, run on a clock set to the next day,
 * queues one RFC 7489 report per accepted address (its own domain, and an outside one that published its
 * agreement), none to an outside address without it or whose size limit is too small, and the counted
 * rows are gone. A report mailed to our report address is read and kept.
 */
class DmarcAggregateReportTest extends DeliveryTestSupport {
    @Autowired
    DmarcObservations observations;
    @Autowired
    MailboxDelivery store;
    @Autowired
    StoreTransactions transactions;
    @Autowired
    ReportDestinations destinations;
    @Autowired
    DkimSigning signing;
    @Autowired
    RecipientResolver routing;
    @Autowired
    ReceivedDmarcReports received;

    private Account erin;

    @BeforeAll
    void provision() throws Exception {
        domain("reports.test");
        erin = account("erin@reports.test");
        account("dmarc-rua@reports.test");
        StubDnsServerAccess.server()
                .add("_dmarc.shop.example. 300 IN TXT \"v=DMARC1; p=quarantine; adkim=s; rua=mailto:dmarc@shop.example,"
                        + "mailto:agreed@collector.example,mailto:nosy@thirdparty.example,mailto:tiny@collector.example!1k\"")
                .add("shop.example._report._dmarc.collector.example. 300 IN TXT \"v=DMARC1\"");
    }

    private void deliver(String from, String client) throws Exception {
        String message = "From: " + from + "\r\nTo: erin@reports.test\r\nSubject: offer\r\nMessage-ID: <" + System.nanoTime()
                + "@x>\r\n\r\nBuy now.\r\n";
        Envelope envelope = fullEnvelope("someone@pass.example", client, "client.example.org", null,
                EnvelopeRecipient.of(erin.address()));
        awaitCommitted(publish(envelope, bytes(message), 0));
    }

    private DmarcReportJob jobAt(Instant now) {
        return new DmarcReportJob(observations, store, transactions, destinations, signing, routing, deliveryProperties,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private long rows(String policyDomain) {
        return jdbc.sql("SELECT coalesce(sum(message_count), 0) FROM dmarc_observations WHERE policy_domain = ?")
                .param(policyDomain).query(Long.class).single();
    }

    private List<String> queuedTo(String envelopePrefix) {
        return jdbc.sql("SELECT recipient FROM outbound_queue WHERE envelope_id LIKE ? ORDER BY recipient")
                .param(envelopePrefix + "%").query(String.class).list();
    }

    private byte[] queued(String recipient, String envelopePrefix) {
        return jdbc.sql("""
                SELECT c.raw FROM outbound_queue q JOIN message_contents c ON c.id = q.content_id
                WHERE q.recipient = ? AND q.envelope_id LIKE ?""").params(recipient, envelopePrefix + "%")
                .query((rs, n) -> rs.getBytes(1)).single();
    }

    @Test
    void reportsOfAFinishedDayGoToTheAcceptedAddresses() throws Exception {
        // 192.0.2.44 passes SPF for pass.example, which is not aligned with shop.example: DMARC fails
        deliver("Shop <news@shop.example>", "192.0.2.44");
        deliver("Shop <deals@shop.example>", "192.0.2.44");
        assertThat(rows("shop.example")).isEqualTo(2);
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

        assertThat(jobAt(Instant.now()).runOnce()).as("the day is not over").isZero();
        assertThat(rows("shop.example")).isEqualTo(2);

        jobAt(today.plus(Duration.ofDays(1)).plusSeconds(60)).runOnce();
        String prefix = "dmarc." + today.getEpochSecond() + ".shop.example.";
        assertThat(queuedTo(prefix)).containsExactly("agreed@collector.example", "dmarc@shop.example");
        assertThat(rows("shop.example")).isZero();

        String mail = new String(queued("dmarc@shop.example", prefix), StandardCharsets.US_ASCII);
        String file = "mx.example.test!shop.example!" + today.getEpochSecond() + "!"
                + (today.getEpochSecond() + 86_399) + ".xml.gz";
        assertThat(mail).contains("Subject: Report Domain: shop.example Submitter: mx.example.test Report-ID: <"
                + today.getEpochSecond() + ".shop.example>\r\n", "Content-Type: application/gzip",
                "filename=\"" + file + "\"", "To: <dmarc@shop.example>");
        AggregateReport report = ReportMailReader.read(mail.getBytes(StandardCharsets.US_ASCII), 1 << 20).get(0);
        assertThat(report.policy()).isEqualTo(new AggregateReport.PolicyPublished("shop.example", "s", "r", "quarantine",
                "quarantine", 100));
        assertThat(report.begin()).isEqualTo(today);
        assertThat(report.records()).singleElement().satisfies(row -> {
            assertThat(row.sourceIp()).isEqualTo("192.0.2.44");
            assertThat(row.count()).isEqualTo(2);
            assertThat(row.disposition()).isEqualTo("quarantine");
            assertThat(row.dkim()).isEqualTo("fail");
            assertThat(row.spf()).isEqualTo("fail");
            assertThat(row.headerFrom()).isEqualTo("shop.example");
            assertThat(row.spfResults()).containsExactly(new AggregateReport.SpfAuth("pass.example", "mfrom", "pass"));
        });

        assertThat(jobAt(today.plus(Duration.ofDays(1)).plusSeconds(120)).runOnce()).as("nothing left to send").isZero();
    }

    @Test
    void aReportMailedToOurReportAddressIsKept() throws Exception {
        AggregateReport report = new AggregateReport("Big Mailbox Inc.", "noreply-dmarc@big.example", "rep-4711",
                Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-11-30T23:59:59Z"),
                new AggregateReport.PolicyPublished("reports.test", "r", "r", "none", "none", 100),
                List.of(new AggregateReport.Row("203.0.113.9", 3, "none", "pass", "fail", "reports.test",
                        List.of(new AggregateReport.DkimAuth("reports.test", "s1", "pass")),
                        List.of(new AggregateReport.SpfAuth("bounce.reports.test", "mfrom", "fail")))));
        String gzip = Base64.getMimeEncoder().encodeToString(ReportArchive.gzip(AggregateReportXml.write(report)));
        String message = "From: noreply-dmarc@big.example\r\nTo: dmarc-rua@reports.test\r\n"
                + "Subject: Report Domain: reports.test Submitter: big.example Report-ID: <rep-4711>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nreport attached\r\n--b\r\n"
                + "Content-Type: application/gzip\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"big.example!reports.test!1764460800!1764547199.xml.gz\"\r\n\r\n"
                + gzip + "\r\n--b--\r\n";
        Envelope envelope = fullEnvelope("noreply-dmarc@big.example", "192.0.2.44", "client.example.org", null,
                EnvelopeRecipient.of("dmarc-rua@reports.test"));
        awaitCommitted(publish(envelope, bytes(message), 0));
        awaitCommitted(publish(envelope, bytes(message), 0)); // the same report again is kept once

        List<ReceivedDmarcReports.Summary> list = received.list("reports.test", 10);
        assertThat(list).singleElement().satisfies(summary -> {
            assertThat(summary.orgName()).isEqualTo("Big Mailbox Inc.");
            assertThat(summary.messages()).isEqualTo(3);
            assertThat(summary.failed()).isZero();
        });
        assertThat(received.find(list.get(0).id()).orElseThrow().report()).isEqualTo(report);
    }

    @Test
    void theReportSettingsBind() {
        DeliveryProperties.Reports reports = deliveryProperties.dmarc().reports();
        assertThat(reports.inboundAddresses()).containsExactly("dmarc-rua@reports.test");
        assertThat(reports.maxReportSize().toMegabytes()).isEqualTo(10);
    }
}
