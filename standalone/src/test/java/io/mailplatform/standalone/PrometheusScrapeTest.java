package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * The platform's meters as Prometheus scrapes them from {@code /actuator/prometheus} on the
 * management port: real traffic over SMTP, IMAP and POP3 moves the counters of sessions, commands,
 * replies, accepted and delivered messages, delivery latency and failed logins.
 */
@StandaloneTest
class PrometheusScrapeTest extends ListenersTestSupport {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalManagementPort
    int managementPort;

    @Test
    void trafficMovesTheCounters() throws Exception {
        String before = scrape();

        MxConversation.queuedId(MxConversation.mx(smtp.port("smtp"), "MAIL FROM:<someone@example.org>",
                "RCPT TO:<alice@example.test>", "DATA", "Subject: metered\r\n\r\ncounted\r\n.\r\n").get(3));
        try (LineClient client = new LineClient("127.0.0.1", imap.port("imap"))) {
            client.readLine();
            client.send("a CAPABILITY");
            client.readUntil(line -> line.startsWith("a "));
            client.send("b LOGOUT");
            client.readUntil(line -> line.startsWith("b "));
        }
        try (LineClient client = new LineClient("127.0.0.1", pop3.port("pop3"))) {
            client.readLine();
            client.send("STAT");
            assertThat(client.readLine()).startsWith("-ERR");
            client.send("QUIT");
            client.readLine();
        }
        // a failed login, over implicit TLS
        try (LineClient client = LineClient.connectTls("127.0.0.1", imap.port("imaps"),
                Transcript.trustAll())) {
            client.readLine();
            client.send("c LOGIN alice@example.test wrong");
            assertThat(client.readLine()).startsWith("c NO");
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String after = scrape();
        while (value(after, "mail_delivery_latency_seconds_count") <= value(before, "mail_delivery_latency_seconds_count")
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
            after = scrape();
        }

        // meter, least increase, labels
        Object[][] expected = {
            {"mail_sessions_total", 1, "protocol=\"smtp\""},
            {"mail_sessions_total", 2, "protocol=\"imap\""},
            {"mail_sessions_total", 1, "protocol=\"pop3\""},
            {"mail_commands_total", 1, "protocol=\"smtp\"", "command=\"EHLO\""},
            {"mail_commands_total", 1, "protocol=\"smtp\"", "command=\"DATA\""},
            {"mail_commands_total", 1, "protocol=\"imap\"", "command=\"CAPABILITY\""},
            {"mail_commands_total", 1, "protocol=\"pop3\"", "command=\"STAT\""},
            {"mail_replies_total", 4, "protocol=\"smtp\"", "status=\"2xx\""},
            {"mail_replies_total", 1, "protocol=\"smtp\"", "status=\"3xx\""},
            {"mail_replies_total", 2, "protocol=\"imap\"", "status=\"OK\""},
            {"mail_replies_total", 1, "protocol=\"imap\"", "status=\"NO\""},
            {"mail_replies_total", 1, "protocol=\"pop3\"", "status=\"-ERR\""},
            {"mail_replies_total", 2, "protocol=\"pop3\"", "status=\"+OK\""},
            {"mail_auth_failures_total", 1},
        };
        for (Object[] meter : expected) {
            String[] labels = Arrays.copyOfRange(meter, 2, meter.length, String[].class);
            assertThat(increase(before, after, (String) meter[0], labels)).as(Arrays.toString(meter))
                    .isGreaterThanOrEqualTo((Integer) meter[1]);
        }
        assertThat(after).contains("mail_sessions_open{protocol=\"imap\"}");
        // exactly the one message, received, stored and timed
        assertThat(increase(before, after, "mail_smtp_messages_total", "result=\"accepted\"")).isEqualTo(1);
        assertThat(increase(before, after, "mail_delivery_copies_total", "outcome=\"stored\"")).isEqualTo(1);
        assertThat(increase(before, after, "mail_delivery_latency_seconds_count")).isEqualTo(1);
        assertThat(after).contains("mail_delivery_latency_seconds_bucket{");
        // the delivery consumer's lag, from the Kafka client's own metrics
        assertThat(after).contains("kafka_consumer_fetch_manager_records_lag_max");
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double increase(String before, String after, String name, String... labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    /** The sum of the samples of {@code name} whose labels include every one of {@code labels}. */
    private static double value(String scrape, String name, String... labels) {
        return Arrays.stream(scrape.split("\n"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
