package io.mailplatform.store.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.mailbox.KnownModSeqs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.util.unit.DataSize;

/** Mailbox events go through a lingering producer of their own, otherwise set up like the platform's. */
class KafkaMailboxEventPublisherTest {

    private static StoreProperties lingering(Duration linger) {
        return new StoreProperties(6, 6, linger, (short) 1, 1 << 20, Duration.ofSeconds(60),
                new StoreProperties.LoginThrottling(5, 20, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5),
                        Duration.ofMinutes(15), 8, 16, 100_000, 64),
                null, "+", new StoreProperties.Limits(10000, 10000, 1000, Duration.ofSeconds(20)),
                DataSize.ofMegabytes(32));
    }

    @Test
    void eventsLingerWhileMailDoesNot() {
        KafkaProperties kafka = new KafkaProperties();
        Map<String, Object> config = KafkaMailboxEventPublisher.producerProperties(kafka, lingering(Duration.ofMillis(25)));
        assertThat(config).containsEntry(ProducerConfig.LINGER_MS_CONFIG, 25)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .doesNotContainKey(ProducerConfig.CLIENT_ID_CONFIG);
    }

    @Test
    void aConfiguredClientIdNamesTheEventProducerApart() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setClientId("mail-imap");
        assertThat(KafkaMailboxEventPublisher.producerProperties(kafka, lingering(Duration.ZERO)))
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "mail-imap-mailbox-events")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);
    }

    @Test
    void withoutABrokerAWriterNeverWaitsAndTheEventsAreDropped() throws Exception {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of("127.0.0.1:9"));
        KnownModSeqs known = new KnownModSeqs();
        KafkaMailboxEventPublisher publisher = new KafkaMailboxEventPublisher(kafka, lingering(Duration.ofMillis(5)), known);
        try {
            known.confirm(7, known.version(7), 5);
            long started = System.nanoTime();
            for (long modSeq = 6; modSeq <= 8; modSeq++) {
                publisher.publish(new MailboxEvent(MailboxEvent.Type.FLAGS_CHANGED, 1, 7, "INBOX", modSeq, List.of(3L),
                        EventOrigin.ID));
            }
            // the producer waits up to MAX_BLOCK_MS for metadata per event: not on the writer's thread
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(KafkaMailboxEventPublisher.MAX_BLOCK_MS));
            // this process's sessions still learnt of the writes
            assertThat(known.unchangedSince(7, 8)).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (publisher.dropped() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(publisher.dropped()).isEqualTo(3);
        } finally {
            publisher.destroy();
        }
    }
}
