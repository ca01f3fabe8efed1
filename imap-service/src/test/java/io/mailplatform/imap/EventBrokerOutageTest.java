package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.HealthProbe;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Without a reachable Kafka broker (mailbox events are hints, DESIGN.md) the IMAP service still writes: STORE,
 * APPEND and EXPUNGE are answered at once, not after the producer gave up waiting for the broker's metadata.
 */
@RealInfrastructure(kafka = false)
@TestPropertySource(properties = {"spring.kafka.bootstrap-servers=127.0.0.1:9", "mail.imap.events.enabled=false",
        "spring.kafka.admin.operation-timeout=2s", "spring.kafka.admin.close-timeout=1s"})
class EventBrokerOutageTest extends ImapTestSupport {
    /** Far below the producer's default wait for metadata (60 s), far above a command's time on a slow machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @LocalManagementPort
    int managementPort;

    private static List<String> timed(LineClient client, String tag, String command) throws Exception {
        long started = System.nanoTime();
        List<String> response = command(client, tag, command);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as(command).isLessThan(PROMPTLY);
        return response;
    }

    @Test
    void writesAreAnsweredAtOnceWithoutABroker() throws Exception {
        Account account = seeded("no-broker");
        try (LineClient client = login(account)) {
            select(client);
            assertThat(timed(client, "a1", "STORE 1 +FLAGS (\\Flagged)")).last().asString().startsWith("a1 OK");
            assertThat(timed(client, "a2", "STORE 2 +FLAGS.SILENT (\\Deleted)")).last().asString().startsWith("a2 OK");
            assertThat(timed(client, "a3", "EXPUNGE")).contains("* 2 EXPUNGE");
            client.send("a4 APPEND INBOX {3+}");
            long started = System.nanoTime();
            client.write("x\r\n\r\n");
            List<String> appended = client.readUntil(line -> line.startsWith("a4 "));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
            assertThat(appended).last().asString().startsWith("a4 OK [APPENDUID ");
        }
    }

    /** It serves, so it stays ready (on Kubernetes, in its Service); the broker's check still shows in the full health. */
    @Test
    void readyWithoutABroker() {
        HealthProbe.assertReady(managementPort, "readinessState", "db", "listeners");
        HealthProbe health = HealthProbe.overall(managementPort);
        assertThat(health.components()).containsEntry("kafka", "DOWN");
        assertThat(health.httpStatus()).isEqualTo(503);
    }
}
