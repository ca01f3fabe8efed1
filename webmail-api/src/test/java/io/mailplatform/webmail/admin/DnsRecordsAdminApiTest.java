package io.mailplatform.webmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.dkim.DkimKey;
import io.mailplatform.store.dkim.DkimKeys;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.testsupport.dns.StubDnsServer;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.mtasts.PublishedPolicy;
import io.mailplatform.webmail.support.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The DNS records admin API over real HTTPS against a real DNS server: what to publish, and the check. */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "mail.webmail.dns-check.mail-host=mail.records.test"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsRecordsAdminApiTest {
    private static final StubDnsServer DNS;

    static {
        try {
            DNS = StubDnsServer.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void resolver(DynamicPropertyRegistry registry) {
        registry.add("mail.webmail.dns-check.resolver", DNS::address);
    }

    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;
    @Autowired
    DkimKeys keys;
    @Autowired
    PublishedPolicy sts;

    private DkimKey key;

    @BeforeAll
    void domains() throws Exception {
        directory.createDomain("records.test");
        directory.createDomain("partial.test");
        key = keys.generate("records.test", "ed25519", "ed1").orElseThrow();
        DNS.add("records.test. 300 IN MX 10 mail.records.test.")
                .add("records.test. 300 IN TXT \"v=spf1 mx -all\"")
                .add("records.test. 300 IN TXT \"google-site-verification=x\"")
                .add("ed1._domainkey.records.test. 300 IN TXT \"" + key.dnsRecord() + "\"")
                .add("_dmarc.records.test. 300 IN TXT \"v=DMARC1; p=quarantine\"")
                .add("_mta-sts.records.test. 300 IN TXT \"" + sts.record().text() + "\"")
                .add("mta-sts.records.test. 300 IN CNAME " + sts.httpsHost() + ".")
                .add("_smtp._tls.records.test. 300 IN TXT \"v=TLSRPTv1; rua=mailto:tls@records.test\"")
                .add("_mta-sts.partial.test. 300 IN TXT \"v=STSv1; id=old\"")
                .add("partial.test. 300 IN MX 10 mx.elsewhere.example.")
                .servfail("_dmarc.partial.test");
    }

    @AfterAll
    void stop() {
        DNS.close();
    }

    private HttpResponse<String> admin(String path) throws Exception {
        return new ApiClient(port).call("GET", path, null, "admin", "admin-secret");
    }

    @Test
    void theRecordsToPublish() throws Exception {
        HttpResponse<String> response = admin("/api/admin/domains/records.test/dns-records");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"mailHost\":\"mail.records.test\"",
                "{\"type\":\"TXT\",\"name\":\"_mta-sts.records.test\",\"value\":\"" + sts.record().text() + "\"",
                "{\"type\":\"CNAME\",\"name\":\"mta-sts.records.test\",\"value\":\"" + sts.httpsHost() + ".\"",
                "{\"type\":\"TXT\",\"name\":\"_smtp._tls.records.test\",\"value\":\"v=TLSRPTv1; rua=mailto:postmaster@records.test\"",
                "{\"type\":\"MX\",\"name\":\"records.test\",\"value\":\"10 mail.records.test.\"",
                "\"name\":\"ed1._domainkey.records.test\",\"value\":\"" + key.dnsRecord() + "\"",
                "\"name\":\"_dmarc.records.test\"", "\"status\":null");
    }

    @Test
    void aFullyPublishedDomainChecksOk() throws Exception {
        String body = admin("/api/admin/domains/records.test/dns-records?check=true").body();

        assertThat(body).doesNotContain("\"status\":\"missing\"", "\"status\":\"different\"", "\"status\":\"error\"");
        assertThat(body.split("\"status\":\"ok\"", -1)).hasSize(8);
    }

    @Test
    void whatIsMissingOrWrongIsSaid() throws Exception {
        String body = admin("/api/admin/domains/partial.test/dns-records?check=true&mailHost=mail.partial.test").body();

        assertThat(body).contains("\"type\":\"MX\",\"name\":\"partial.test\",\"value\":\"10 mail.partial.test.\"",
                "\"status\":\"different\",\"found\":[\"10 mx.elsewhere.example.\"]",
                "\"value\":\"v=spf1 mx -all\"", "\"status\":\"missing\"", "\"status\":\"error\"",
                // an MTA-STS record with another id than the policy served keeps senders on an old policy
                "\"name\":\"_mta-sts.partial.test\",\"value\":\"" + sts.record().text() + "\"",
                "\"status\":\"different\",\"found\":[\"v=STSv1; id=old\"]");
        assertThat(admin("/api/admin/domains/nowhere.test/dns-records").statusCode()).isEqualTo(404);
    }
}
