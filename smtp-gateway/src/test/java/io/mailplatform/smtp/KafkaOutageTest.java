package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.testsupport.RestartableKafka;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka stops in the middle of a session: the message gets 451 4.3.0 and the session goes on; once
 * the broker is back (same data, same port) the client's retry is accepted, and each message is in
 * the topic exactly once: nothing accepted was lost, nothing refused was half-published. A broker
 * of its own, so the other tests' broker never stops.
 */
@SpringBootTest(classes = SmtpGatewayApplication.class, properties = {
        "mail.smtp.mx-port=0", "mail.smtp.submission-port=-1", "mail.smtp.submissions-port=-1",
        "mail.smtp.hostname=mx.example.test", "mail.smtp.limits.publish-timeout=4s",
        "mail.store.login-throttle.base-delay=0", "mail.store.inbound-partitions=2", "mail.store.event-partitions=1"})
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageTest {
    private static volatile RestartableKafka kafka;

    @Autowired
    SmtpServer server;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        if (kafka == null) {
            kafka = RestartableKafka.start();
        }
        registry.add("spring.kafka.bootstrap-servers", kafka::bootstrapServers);
    }

    @BeforeAll
    void provision(@Autowired DirectoryService directory, @Autowired RecipientDirectory cache) throws Exception {
        TestDirectory.provision(directory, cache);
    }

    /** Sends one message in the open session and returns the reply to its end of data. */
    private static String send(LineClient client, String marker) throws IOException {
        client.write("MAIL FROM:<a@example.org>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n");
        assertThat(client.readLine()).startsWith("250 ");
        assertThat(client.readLine()).startsWith("250 ");
        assertThat(client.readLine()).startsWith("354 ");
        client.write("Subject: " + marker + "\r\n\r\n" + marker + "\r\n.\r\n");
        return client.readLine();
    }

    private static long count(List<InboundTopic.Published> published, String marker) {
        return published.stream().filter(p -> new String(p.message(), StandardCharsets.UTF_8).contains(marker)).count();
    }

    @Test
    void aKafkaOutageGives451AndTheRetryIsStoredExactlyOnce() throws Exception {
        String before = "before-" + UUID.randomUUID();
        String during = "during-" + UUID.randomUUID();
        try (LineClient client = new LineClient("127.0.0.1", server.port("smtp"))) {
            client.readLine();
            client.send("EHLO client.example.org");
            client.readSmtpReply();
            assertThat(send(client, before)).startsWith("250 2.0.0 Ok: queued as ");

            kafka.stop();
            long start = System.nanoTime();
            assertThat(send(client, during)).isEqualTo("451 4.3.0 Temporary failure storing the message, try again later");
            // within the publish timeout (4 s), with room for a loaded machine: the session never hangs on Kafka
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(server.memoryBudget().reserved()).as("the refused message's data was given back").isZero();
            client.send("NOOP");
            assertThat(client.readLine()).isEqualTo("250 2.0.0 Ok");

            kafka.startBroker();
            // the client retries as a real one would, until the gateway accepts the message
            String reply = send(client, during);
            for (int attempt = 0; attempt < 10 && reply.startsWith("451"); attempt++) {
                Thread.sleep(1000);
                reply = send(client, during);
            }
            assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
        }
        List<InboundTopic.Published> published = InboundTopic.readUntil(kafka.bootstrapServers(),
                all -> count(all, before) >= 1 && count(all, during) >= 1, Duration.ofSeconds(30));
        assertThat(count(published, before)).isEqualTo(1);
        assertThat(count(published, during)).isEqualTo(1);
    }
}
