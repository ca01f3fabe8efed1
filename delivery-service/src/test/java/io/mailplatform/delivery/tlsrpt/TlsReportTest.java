package io.mailplatform.delivery.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.delivery.config.DeliveryProperties;
import io.mailplatform.delivery.config.TlsRptProperties;
import io.mailplatform.delivery.dns.DnsResolver;
import io.mailplatform.delivery.spf.StubDnsServerAccess;
import io.mailplatform.delivery.support.OffsetClock;
import io.mailplatform.delivery.support.PolicyServer;
import io.mailplatform.delivery.support.RelayFakes;
import io.mailplatform.delivery.support.RelayTestSupport;
import io.mailplatform.delivery.support.TestAuthority;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.MailboxDelivery;
import io.mailplatform.store.tlsrpt.TlsRptSessions;
import io.mailplatform.testsupport.dns.StubDnsServer;
import io.mailplatform.testsupport.smtp.FakeSmtpServer;
import io.mailplatform.testsupport.smtp.ReceivedTransaction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * TLS reports (RFC 8460) end to end: the relay's sessions with MX hosts under MTA-STS policies are
 * counted, and once the day is over (a clock of the test's own, a day ahead) each domain's report
 * goes to its rua: gzipped JSON POSTed over HTTPS as application/tlsrpt+gzip, or a multipart/report
 * message the relay delivers to the rua's MX. Each day's report goes once.
 */
class TlsReportTest extends RelayTestSupport {
    private final StubDnsServer dns = StubDnsServerAccess.server();
    @Autowired
    private TlsRptSessions sessions;
    @Autowired
    private DnsResolver resolver;
    @Autowired
    private MailboxDelivery store;
    @Autowired
    private TlsRptProperties properties;
    @Autowired
    private DeliveryProperties delivery;
    private HttpsServer collector;
    private final Map<String, Posted> posted = new ConcurrentHashMap<>();

    private record Posted(String contentType, byte[] body) {
    }

    @BeforeAll
    void start() throws Exception {
        domain("rpt-home.test");
        collector = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.setHttpsConfigurator(new HttpsConfigurator(TestAuthority.server("localhost")));
        collector.createContext("/tlsrpt/", exchange -> {
            posted.put(exchange.getRequestURI().getPath(), new Posted(exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterAll
    void stop() {
        collector.stop(0);
    }

    /** A domain under an MTA-STS policy whose MX is {@code mx.<domain>} at {@code mxAddress}. */
    private String stsDomain(String mode, String mxAddress, String policyAddress, String rua) {
        String name = UUID.randomUUID().toString().substring(0, 8) + ".rpt.test";
        dns.add(name + ". 300 IN MX 10 mx." + name + ".");
        dns.add("mx." + name + ". 300 IN A " + mxAddress);
        dns.add("_mta-sts." + name + ". 300 IN TXT \"v=STSv1; id=1;\"");
        dns.add("mta-sts." + name + ". 300 IN A " + policyAddress);
        dns.add("_smtp._tls." + name + ". 300 IN TXT \"v=TLSRPTv1; rua=" + rua + "\"");
        return name;
    }

    private static String policy(String mode, String mx) {
        return "version: STSv1\r\nmode: " + mode + "\r\nmx: " + mx + "\r\nmax_age: 86400\r\n";
    }

    private static FakeSmtpServer mx(String address, SSLContext tls) throws Exception {
        FakeSmtpServer.Builder builder = FakeSmtpServer.builder().bind(InetAddress.getByName(address), RelayFakes.mxPort());
        return tls == null ? builder.extensions("PIPELINING", "8BITMIME").start()
                : builder.extensions("STARTTLS", "PIPELINING", "8BITMIME").tls(tls).start();
    }

    private void send(String domain) throws Exception {
        Account sender = account("m" + UUID.randomUUID().toString().substring(0, 8) + "@rpt-home.test");
        Envelope envelope = submission(sender.address(), recipients("rcpt@" + domain));
        queue(envelope, message("tls report " + UUID.randomUUID()));
        relay.runOnce();
        assertThat(queued(envelope.id())).isZero();
    }

    private static String gunzip(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void eachDomainsDayIsReportedOnceToItsRua() throws Exception {
        String reportsDomain = UUID.randomUUID().toString().substring(0, 8) + ".rpt-collector.test";
        dns.add(reportsDomain + ". 300 IN MX 10 mx." + reportsDomain + ".");
        dns.add("mx." + reportsDomain + ". 300 IN A 127.0.5.3");
        String path = "/tlsrpt/" + UUID.randomUUID();
        String enforced = stsDomain("enforce", "127.0.5.1", "127.0.6.1",
                "https://localhost:" + collector.getAddress().getPort() + path);
        String testing = stsDomain("testing", "127.0.5.2", "127.0.6.2", "mailto:tls-reports@" + reportsDomain);
        try (PolicyServer enforcedPolicy = PolicyServer.start("127.0.6.1", TestAuthority.server("mta-sts." + enforced),
                        policy("enforce", "mx." + enforced));
                PolicyServer testingPolicy = PolicyServer.start("127.0.6.2", TestAuthority.server("mta-sts." + testing),
                        policy("testing", "mx." + testing));
                FakeSmtpServer good = mx("127.0.5.1", TestAuthority.server("mx." + enforced));
                FakeSmtpServer expired = mx("127.0.5.2", TestAuthority.expired("mx." + testing));
                FakeSmtpServer reports = mx("127.0.5.3", null)) {
            send(enforced);
            send(testing);
            LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            OffsetClock tomorrow = OffsetClock.system();
            tomorrow.advance(Duration.ofDays(1));
            TlsReportJob job = TlsReports.job(properties, delivery.hostname(), sessions, resolver, store,
                    TestAuthority.trust(), tomorrow, "report-test");

            assertThat(job.runOnce()).isGreaterThanOrEqualTo(2);
            assertThat(job.runOnce()).isZero();

            Posted post = posted.get(path);
            assertThat(post).isNotNull();
            assertThat(post.contentType()).isEqualTo("application/tlsrpt+gzip");
            String json = gunzip(post.body());
            assertThat(json).contains("\"organization-name\":\"mx.example.test\"",
                    "\"start-datetime\":\"" + day + "T00:00:00Z\"", "\"end-datetime\":\"" + day + "T23:59:59Z\"",
                    "\"policy-type\":\"sts\"", "\"policy-string\":[\"version: STSv1\",\"mode: enforce\",\"mx: mx." + enforced
                            + "\",\"max_age: 86400\"]", "\"policy-domain\":\"" + enforced + "\"",
                    "\"mx-host\":[\"mx." + enforced + "\"]",
                    "\"total-successful-session-count\":1,\"total-failure-session-count\":0");
            assertThat(sessions.outcome(day, enforced)).startsWith("posted to https://localhost:");

            assertThat(sessions.outcome(day, testing)).isEqualTo("queued for tls-reports@" + reportsDomain);
            relay.runOnce();
            List<ReceivedTransaction> mailed = reports.transactions();
            assertThat(mailed).singleElement().satisfies(t -> {
                assertThat(t.mailFrom()).startsWith("<postmaster@mx.example.test>");
            });
            Message message = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(mailed.get(0).content()));
            assertThat(message.getMimeType()).isEqualTo("multipart/report");
            assertThat(message.getHeader().getField("Content-Type").getBody()).contains("report-type=\"tlsrpt\"");
            assertThat(message.getHeader().getField("TLS-Report-Domain").getBody()).isEqualTo(testing);
            assertThat(message.getSubject()).startsWith("Report Domain: " + testing + " Submitter: mx.example.test Report-ID: <");
            Entity attachment = ((Multipart) message.getBody()).getBodyParts().get(1);
            assertThat(attachment.getMimeType()).isEqualTo("application/tlsrpt+gzip");
            assertThat(attachment.getFilename()).startsWith("mx.example.test!" + testing + "!").endsWith(".json.gz");
            String mailedJson;
            try (InputStream in = ((SingleBody) attachment.getBody()).getInputStream()) {
                mailedJson = gunzip(in.readAllBytes());
            }
            assertThat(mailedJson).contains("\"policy-domain\":\"" + testing + "\"",
                    "\"total-successful-session-count\":0,\"total-failure-session-count\":1",
                    "{\"result-type\":\"certificate-expired\",\"receiving-mx-hostname\":\"mx." + testing
                            + "\",\"receiving-ip\":\"127.0.5.2\",\"failed-session-count\":1}");
        }
    }

    @Test
    void aDomainWithoutATlsRptRecordGetsNoReport() throws Exception {
        LocalDate day = LocalDate.of(2026, 1, 15);
        String domain = UUID.randomUUID().toString().substring(0, 8) + ".no-rpt.test";
        sessions.add(day, domain, "1", policy("enforce", "mx." + domain), "success", "mx." + domain, "192.0.2.1");
        OffsetClock next = OffsetClock.frozenAt(day.plusDays(1).atTime(6, 0).toInstant(ZoneOffset.UTC));
        TlsReportJob job = TlsReports.job(properties, delivery.hostname(), sessions, resolver, store,
                TestAuthority.trust(), next, "report-test");

        assertThat(job.runOnce()).isEqualTo(1);
        assertThat(sessions.outcome(day, domain)).isEqualTo("not sent: no TLS-RPT record");
    }
}
