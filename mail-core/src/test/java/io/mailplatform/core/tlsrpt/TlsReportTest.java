package io.mailplatform.core.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code _smtp._tls} record (RFC 8460 §3) and the report's JSON (§4.4). */
class TlsReportTest {

    @Test
    void theRecordsRua() {
        assertThat(TlsRptRecord.parse("v=TLSRPTv1; rua=mailto:reports@example.com"))
                .contains(new TlsRptRecord(List.of("mailto:reports@example.com")));
        assertThat(TlsRptRecord.parse("v=TLSRPTv1;rua=https://reporting.example.com/v1/tlsrpt, mailto:r@example.com"))
                .contains(new TlsRptRecord(List.of("https://reporting.example.com/v1/tlsrpt", "mailto:r@example.com")));
        assertThat(TlsRptRecord.parse("v=TLSRPTv1; rua=http://insecure.example.com/, ftp://x")).isEqualTo(Optional.empty());
        assertThat(TlsRptRecord.parse("v=TLSRPTv2; rua=mailto:r@example.com")).isEqualTo(Optional.empty());
        assertThat(TlsRptRecord.find(List.of("v=spf1 -all", "v=TLSRPTv1; rua=mailto:r@example.com"))).isPresent();
        assertThat(TlsRptRecord.find(List.of("v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com")))
                .isEqualTo(Optional.empty());
    }

    @Test
    void theJsonOfSection44() {
        TlsReport report = new TlsReport("Company-X", Instant.parse("2016-04-01T00:00:00Z"),
                Instant.parse("2016-04-02T00:00:00Z"), "sts-reporting@company-x.example", "5065427c-23d3",
                List.of(new TlsReport.PolicyResult("sts", List.of("version: STSv1", "mode: testing",
                        "mx: *.mail.company-y.example", "max_age: 86400"), "company-y.example",
                        List.of("*.mail.company-y.example"), 5326, List.of(
                                new TlsReport.FailureDetail(TlsResultType.CERTIFICATE_EXPIRED, "mx1.mail.company-y.example",
                                        "203.0.113.56", 100),
                                new TlsReport.FailureDetail(TlsResultType.STARTTLS_NOT_SUPPORTED,
                                        "mx2.mail.company-y.example", "203.0.113.57", 200)))));

        assertThat(report.json()).isEqualTo("{\"organization-name\":\"Company-X\","
                + "\"date-range\":{\"start-datetime\":\"2016-04-01T00:00:00Z\",\"end-datetime\":\"2016-04-01T23:59:59Z\"},"
                + "\"contact-info\":\"sts-reporting@company-x.example\",\"report-id\":\"5065427c-23d3\","
                + "\"policies\":[{\"policy\":{\"policy-type\":\"sts\",\"policy-string\":[\"version: STSv1\","
                + "\"mode: testing\",\"mx: *.mail.company-y.example\",\"max_age: 86400\"],"
                + "\"policy-domain\":\"company-y.example\",\"mx-host\":[\"*.mail.company-y.example\"]},"
                + "\"summary\":{\"total-successful-session-count\":5326,\"total-failure-session-count\":300},"
                + "\"failure-details\":[{\"result-type\":\"certificate-expired\","
                + "\"receiving-mx-hostname\":\"mx1.mail.company-y.example\",\"receiving-ip\":\"203.0.113.56\","
                + "\"failed-session-count\":100},{\"result-type\":\"starttls-not-supported\","
                + "\"receiving-mx-hostname\":\"mx2.mail.company-y.example\",\"receiving-ip\":\"203.0.113.57\","
                + "\"failed-session-count\":200}]}]}");
    }

    @Test
    void stringsAreEscaped() {
        TlsReport report = new TlsReport("A \"quoted\" \\ name\n", Instant.EPOCH, Instant.EPOCH.plusSeconds(86400), "c",
                "r", List.of());

        assertThat(report.json()).startsWith("{\"organization-name\":\"A \\\"quoted\\\" \\\\ name\\n\"")
                .endsWith("\"policies\":[]}");
    }
}
