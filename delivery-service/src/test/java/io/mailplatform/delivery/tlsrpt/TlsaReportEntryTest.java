package io.mailplatform.delivery.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.delivery.config.TlsRptProperties;
import io.mailplatform.store.tlsrpt.TlsRptSessions.Count;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sessions counted under DANE become a {@code tlsa} policy of their MX host in the report (RFC 8460 §4.4). */
class TlsaReportEntryTest {

    @Test
    void daneSessionsAreReportedAsATlsaPolicyOfTheirHost() {
        TlsReportJob job = new TlsReportJob(new TlsRptProperties(true, null, null, Duration.ofHours(1), 2,
                Duration.ofSeconds(30)), "mx.example.test", "mailto:postmaster@mx.example.test", null, null, null,
                Clock.systemUTC(), "test");
        String id = TlsRptRecorder.TLSA_PREFIX + "mx1.example.org";
        String records = "3 1 1 abcd\r\n2 0 1 ef01";
        String json = job.report(LocalDate.of(2026, 12, 6), "example.org", List.of(
                new Count(id, records, "success", "mx1.example.org", "192.0.2.25", 3),
                new Count(id, records, "tlsa-invalid", "mx1.example.org", "192.0.2.26", 1))).json();

        assertThat(json).contains("\"policy-type\":\"tlsa\"", "\"policy-string\":[\"3 1 1 abcd\",\"2 0 1 ef01\"]",
                "\"policy-domain\":\"example.org\"", "\"mx-host\":[\"mx1.example.org\"]",
                "\"total-successful-session-count\":3,\"total-failure-session-count\":1",
                "{\"result-type\":\"tlsa-invalid\",\"receiving-mx-hostname\":\"mx1.example.org\",\"receiving-ip\":\"192.0.2.26\","
                        + "\"failed-session-count\":1}");
    }
}
