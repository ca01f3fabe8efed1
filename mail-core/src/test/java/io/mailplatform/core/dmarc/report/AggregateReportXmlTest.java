package io.mailplatform.core.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Reading and writing RFC 7489 appendix C reports, their archives, rua= URIs and the report mail. */
class AggregateReportXmlTest {
    /** A report as large receivers send it (shape of RFC 7489 appendix C, with the optional elements). */
    static final String RECEIVED = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <feedback>
              <report_metadata>
                <org_name>acme.com</org_name>
                <email>noreply-dmarc-support@acme.com</email>
                <extra_contact_info>http://acme.com/dmarc/support</extra_contact_info>
                <report_id>9391651994964116463</report_id>
                <date_range><begin>1335571200</begin><end>1335657599</end></date_range>
              </report_metadata>
              <policy_published>
                <domain>example.com</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct>
              </policy_published>
              <record>
                <row>
                  <source_ip>72.150.241.94</source_ip>
                  <count>2</count>
                  <policy_evaluated><disposition>none</disposition><dkim>fail</dkim><spf>pass</spf></policy_evaluated>
                </row>
                <identifiers><header_from>example.com</header_from></identifiers>
                <auth_results>
                  <dkim><domain>example.com</domain><result>fail</result><human_result></human_result></dkim>
                  <spf><domain>example.com</domain><result>pass</result></spf>
                </auth_results>
              </record>
            </feedback>
            """;

    static AggregateReport sample() {
        return new AggregateReport("mx.example.test", "dmarc-reports@mx.example.test", "1764460800.shop.example",
                Instant.ofEpochSecond(1764460800), Instant.ofEpochSecond(1764547199),
                new AggregateReport.PolicyPublished("shop.example", "s", "r", "quarantine", "reject", 50),
                List.of(new AggregateReport.Row("2001:db8::1", 7, "quarantine", "fail", "pass", "shop.example",
                        List.of(new AggregateReport.DkimAuth("mailer.example", "s<1>&", "pass")),
                        List.of(new AggregateReport.SpfAuth("shop.example", "mfrom", "pass")))));
    }

    @Test
    void readsAReceiversReport() throws Exception {
        AggregateReport report = AggregateReportXml.parse(RECEIVED.strip().getBytes(StandardCharsets.UTF_8));
        assertThat(report.orgName()).isEqualTo("acme.com");
        assertThat(report.reportId()).isEqualTo("9391651994964116463");
        assertThat(report.begin()).isEqualTo(Instant.ofEpochSecond(1335571200));
        assertThat(report.policy()).isEqualTo(new AggregateReport.PolicyPublished("example.com", "r", "r", "none", "none", 100));
        assertThat(report.records()).containsExactly(new AggregateReport.Row("72.150.241.94", 2, "none", "fail", "pass",
                "example.com", List.of(new AggregateReport.DkimAuth("example.com", null, "fail")),
                List.of(new AggregateReport.SpfAuth("example.com", null, "pass"))));
    }

    @Test
    void writtenReportsReadBackEqual() throws Exception {
        byte[] xml = AggregateReportXml.write(sample());
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<selector>s&lt;1&gt;&amp;</selector>", "<version>1.0</version>");
        assertThat(AggregateReportXml.parse(xml)).isEqualTo(sample());
        assertThat(AggregateReportXml.parse(ReportArchive.xml(ReportArchive.gzip(xml), 1 << 20))).isEqualTo(sample());
    }

    @Test
    void externalEntitiesAreNeverRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE feedback [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<feedback><report_metadata><org_name>&x;</org_name></report_metadata></feedback>";
        assertThatThrownBy(() -> AggregateReportXml.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportFormatException.class).hasMessageContaining("DOCTYPE");
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;\">]>"
                + "<feedback>&b;</feedback>";
        assertThatThrownBy(() -> AggregateReportXml.parse(laughs.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportFormatException.class);
    }

    @Test
    void malformedReportsAreRefusedWithAReason() {
        assertThatThrownBy(() -> AggregateReportXml.parse("not xml".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportFormatException.class);
        assertThatThrownBy(() -> AggregateReportXml.parse("<html/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportFormatException.class).hasMessageContaining("not feedback");
        String noCount = RECEIVED.strip().replace("<count>2</count>", "<count>-2</count>");
        assertThatThrownBy(() -> AggregateReportXml.parse(noCount.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ReportFormatException.class).hasMessageContaining("count");
    }

    @Test
    void zipArchivesAreReadAndBombsStopAtTheLimit() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("acme.com!example.com!1335571200!1335657599.xml"));
            zip.write(RECEIVED.strip().getBytes(StandardCharsets.UTF_8));
        }
        assertThat(AggregateReportXml.parse(ReportArchive.xml(zipped.toByteArray(), 1 << 20)).orgName()).isEqualTo("acme.com");

        byte[] bomb = ReportArchive.gzip(new byte[20 << 20]); // 20 MB of zeros in about 20 kB
        assertThat(bomb.length).isLessThan(100_000);
        assertThatThrownBy(() -> ReportArchive.xml(bomb, 1 << 20)).isInstanceOf(ReportFormatException.class)
                .hasMessageContaining("larger than");
        assertThatThrownBy(() -> ReportArchive.xml(new byte[] {0x1f, (byte) 0x8b, 1, 2}, 1 << 20))
                .isInstanceOf(ReportFormatException.class);
    }

    @Test
    void reportUrisWithSizeLimits() {
        assertThat(ReportUri.parse("mailto:dmarc@example.com")).contains(new ReportUri("dmarc@example.com", -1));
        assertThat(ReportUri.parse(" mailto:d@Example.COM!10m")).hasValueSatisfying(uri -> {
            assertThat(uri.maxBytes()).isEqualTo(10L << 20);
            assertThat(uri.domain()).isEqualTo("example.com");
            assertThat(uri.accepts(10L << 20)).isTrue();
            assertThat(uri.accepts((10L << 20) + 1)).isFalse();
        });
        assertThat(ReportUri.parse("mailto:d@example.com!500")).contains(new ReportUri("d@example.com", 500));
        assertThat(ReportUri.parse("https://example.com/dmarc")).isEmpty();
        assertThat(ReportUri.parse("mailto:nobody")).isEmpty();
    }

    @Test
    void theReportMailHasTheRfcSubjectAndFileName() throws Exception {
        AggregateReport report = sample();
        byte[] gzip = ReportArchive.gzip(AggregateReportXml.write(report));
        String mail = new String(ReportMessage.render("mx.example.test", "dmarc-reports@mx.example.test", "d@shop.example",
                report, gzip, Instant.parse("2026-12-01T01:00:00Z")), StandardCharsets.US_ASCII);
        assertThat(mail).contains(
                "Subject: Report Domain: shop.example Submitter: mx.example.test Report-ID: <1764460800.shop.example>\r\n",
                "filename=\"mx.example.test!shop.example!1764460800!1764547199.xml.gz\"",
                "Content-Type: application/gzip");
        assertThat(ReportMailReader.read(mail.getBytes(StandardCharsets.US_ASCII), 1 << 20)).containsExactly(report);
        assertThatThrownBy(() -> ReportMailReader.read("Subject: hi\r\n\r\nno report\r\n".getBytes(StandardCharsets.US_ASCII),
                1 << 20)).isInstanceOf(ReportFormatException.class).hasMessageContaining("no XML");
    }
}
