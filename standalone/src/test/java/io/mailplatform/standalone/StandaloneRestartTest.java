package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.embedded.EmbeddedKafkaBroker;
import io.mailplatform.embedded.EmbeddedPostgresServer;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone platform as a user runs it: its own embedded PostgreSQL and Kafka broker, both
 * behind generated passwords, in a data directory; mail delivered before a restart is there after
 * it, and mail sent after it is delivered too.
 */
class StandaloneRestartTest {
    @TempDir
    Path data;

    private final HttpClient https = HttpClient.newBuilder().sslContext(Transcript.trustAll()).build();

    private void send(int port, String subject) throws IOException {
        try (LineClient smtp = new LineClient("127.0.0.1", port)) {
            assertThat(smtp.readLine()).startsWith("220 ");
            smtp.send("EHLO client.example.org");
            smtp.readSmtpReply();
            smtp.write("MAIL FROM:<bob@example.org>\r\nRCPT TO:<ann@restart.test>\r\nDATA\r\n");
            assertThat(smtp.readLine()).startsWith("250 ");
            assertThat(smtp.readLine()).startsWith("250 ");
            assertThat(smtp.readLine()).startsWith("354 ");
            smtp.write("From: bob@example.org\r\nSubject: " + subject + "\r\n\r\nhello\r\n.\r\n");
            assertThat(smtp.readLine()).startsWith("250 2.0.0 ");
            smtp.send("QUIT");
        }
    }

    private String awaitListing(int port, String subject) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/mailboxes/INBOX/messages"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("ann@restart.test:ann-secret".getBytes(StandardCharsets.UTF_8))).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = https.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains(subject)) {
                return response.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not delivered in time: " + response.statusCode() + " " + response.body());
            }
            Thread.sleep(200);
        }
    }

    @Test
    void mailSurvivesARestartOnTheSameDataDirectoryBehindTheGeneratedPasswords() throws Exception {
        int kafkaPort = EmbeddedPlatform.freePort();
        String[] args = {"--mail.standalone.data-dir=" + data, "--mail.standalone.postgres-port=" + EmbeddedPlatform.freePort(),
            "--mail.standalone.kafka-port=" + kafkaPort, "--mail.standalone.kafka-controller-port=" + EmbeddedPlatform.freePort(),
            "--server.port=0", "--management.server.port=0", "--mail.smtp.mx-port=0", "--mail.smtp.submission-port=0", "--mail.smtp.submissions-port=0",
            "--mail.pop3.port=0", "--mail.pop3.tls-port=0", "--mail.imap.port=0", "--mail.imap.tls-port=0",
            "--mail.admin.password=admin-secret", "--mail.delivery.spf.enabled=false",
            "--mail.standalone.domain=restart.test", "--mail.standalone.account=ann@restart.test",
            "--mail.standalone.password=ann-secret"};
        try (EmbeddedPlatform platform = new EmbeddedPlatform(args)) {
            send(platform.mxPort(), "before the restart");
            awaitListing(platform.httpPort(), "before the restart");
        }
        String postgresPassword = Files.readString(data.resolve("postgres").resolve(EmbeddedPostgresServer.PASSWORD_FILE));
        String kafkaPassword = Files.readString(data.resolve("kafka").resolve(EmbeddedKafkaBroker.PASSWORD_FILE));

        try (EmbeddedPlatform platform = new EmbeddedPlatform(args)) {
            assertThat(platform.context.getEnvironment().getProperty("spring.datasource.password"))
                    .isEqualTo(postgresPassword.trim());
            assertThat(platform.context.getEnvironment().getProperty("spring.kafka.properties.security.protocol"))
                    .isEqualTo("SASL_PLAINTEXT");
            assertThat(platform.context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                    .isEqualTo("127.0.0.1:" + kafkaPort);
            send(platform.mxPort(), "after the restart");
            assertThat(awaitListing(platform.httpPort(), "after the restart")).contains("before the restart");
        }
        assertThat(Files.readString(data.resolve("kafka").resolve(EmbeddedKafkaBroker.PASSWORD_FILE))).isEqualTo(kafkaPassword);
    }
}
