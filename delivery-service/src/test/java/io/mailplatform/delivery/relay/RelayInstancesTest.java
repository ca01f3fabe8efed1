package io.mailplatform.delivery.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.delivery.config.RelayClientProperties;
import io.mailplatform.delivery.config.RelayProperties;
import io.mailplatform.delivery.support.RelayFakes;
import io.mailplatform.delivery.support.RelayTestSupport;
import io.mailplatform.testsupport.smtp.ReceivedTransaction;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Several relay instances on one queue, as several delivery services run: every message is sent
 * exactly once however they interleave; an entry leased by an instance that died is taken over once
 * its lease has run out, never before; an instance that stops gives back what it has not sent, at
 * once, rather than leaving it until its lease runs out.
 */
class RelayInstancesTest extends RelayTestSupport {
    @Autowired
    RelayParts parts;
    @Autowired
    RelayClientProperties client;

    @BeforeAll
    void provision() throws Exception {
        domain("relay-home.test");
        account("multi@relay-home.test");
    }

    @AfterEach
    void forget() {
        jdbc.sql("DELETE FROM outbound_queue").update();
        clock.reset();
    }

    /** A worker of its own, as another delivery instance would run it, polling every 50 ms. */
    private RelayWorker instance(String name, Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(Map.of("mail.relay.enabled", "true",
                "mail.relay.poll-interval", "50ms", "mail.relay.routes." + RelayFakes.ROUTED,
                "127.0.0.1:" + RelayFakes.routed().port(), "mail.relay.routes." + RelayFakes.PAUSING,
                "127.0.0.1:" + RelayFakes.pausing().port()));
        properties.putAll(settings);
        RelayProperties relay = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("mail.relay", RelayProperties.class);
        return new RelayWorker(relay, (int) client.limits().chunkSize().toBytes(), parts, clock, name);
    }

    @Test
    void twoInstancesOnOneQueueSendEveryMessageExactlyOnce() throws Exception {
        String subject = "twice " + UUID.randomUUID();
        int count = 60;
        for (int i = 0; i < count; i++) {
            queue(submission("multi@relay-home.test", recipients("r" + i + "@" + RelayFakes.ROUTED)),
                    message(subject + " #" + i + "."));
        }
        // small batches, so that the two interleave
        Map<String, String> small = Map.of("mail.relay.batch-size", "4");
        try (RelayWorker first = instance("instance-a", small); RelayWorker second = instance("instance-b", small)) {
            first.start();
            second.start();
            await("the queue to empty", () -> jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single() == 0);
            first.stop();
            second.stop();
        }

        List<ReceivedTransaction> received = received(RelayFakes.routed(), subject);
        Map<String, Long> perMessage = received.stream().collect(Collectors.groupingBy(
                t -> t.text().substring(t.text().indexOf(subject), t.text().indexOf('.', t.text().indexOf(subject) + subject.length())),
                Collectors.counting()));
        assertThat(perMessage).hasSize(count);
        assertThat(perMessage.values()).containsOnly(1L);
    }

    @Test
    void anEntryLeasedByADeadInstanceIsTakenOverOnlyAfterItsLeaseRanOut() throws Exception {
        String subject = "orphan " + UUID.randomUUID();
        var envelope = submission("multi@relay-home.test", recipients("orphan@" + RelayFakes.ROUTED));
        queue(envelope, message(subject));
        // an instance claimed it and died mid-delivery: its lease runs for five more minutes
        jdbc.sql("UPDATE outbound_queue SET leased_by = 'dead/1', leased_until = ? WHERE envelope_id = ?")
                .params(Timestamp.from(clock.instant().plus(Duration.ofMinutes(5))), envelope.id()).update();

        assertThat(relay.runOnce()).isZero();
        assertThat(received(RelayFakes.routed(), subject)).isEmpty();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(relay.runOnce()).isEqualTo(1);
        assertThat(received(RelayFakes.routed(), subject)).hasSize(1);
        assertThat(queued(envelope.id())).isZero();
    }

    @Test
    void aStoppingInstanceGivesBackWhatItHasNotSent() throws Exception {
        var envelope = submission("multi@relay-home.test", recipients("slow@" + RelayFakes.PAUSING));
        queue(envelope, message("paused " + UUID.randomUUID()));
        RelayWorker worker = instance("instance-stopping", Map.of("mail.relay.shutdown-grace", "200ms"));
        try {
            worker.start();
            // the server stops reading in the middle of the message: a transaction under way
            await("the message to be under way", RelayFakes.pausing()::dataPaused);
            assertThat(jdbc.sql("SELECT leased_by FROM outbound_queue WHERE envelope_id = ?").param(envelope.id())
                    .query(String.class).single()).isEqualTo("instance-stopping");

            worker.stop();

            // released at once: another instance may take it now, not five minutes later
            assertThat(jdbc.sql("SELECT count(*) FROM outbound_queue WHERE envelope_id = ? AND leased_by IS NULL"
                    + " AND leased_until IS NULL AND attempts = 0").param(envelope.id()).query(Long.class).single())
                    .isEqualTo(1);
        } finally {
            worker.close();
            RelayFakes.pausing().resumeData();
        }
    }
}
