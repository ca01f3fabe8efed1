package io.mailplatform.delivery.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.delivery.config.InboundConsumerConfiguration;
import io.mailplatform.delivery.support.CrashSwitch;
import io.mailplatform.delivery.support.DeliveryTestSupport;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.MessageMeta;
import io.mailplatform.testsupport.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** The consumer over the real broker: batches, dead letters, and a crash between the two commits. */
class InboundConsumerTest extends DeliveryTestSupport {
    @Autowired
    CrashSwitch crashSwitch;
    @Autowired
    KafkaListenerEndpointRegistry registry;

    Account alice;

    @BeforeAll
    void provision() throws Exception {
        domain("consume.test");
        alice = account("alice@consume.test");
    }

    private static byte[] message(String subject) {
        return bytes("Received: from client.example.org by gw\r\nFrom: bob@example.org\r\nSubject: " + subject
                + "\r\n\r\nHello\r\n");
    }

    @Test
    void manyRecordsAreDeliveredInBatchesEachOnce() throws Exception {
        int before = messages(alice, "INBOX").size();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Envelope envelope = envelope("bob@example.org", "alice@consume.test");
            ids.add(envelope.id());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(MailTopics.INBOUND, envelope.id(), message("n" + i));
            record.headers().add(EnvelopeCodec.HEADER, EnvelopeCodec.encode(envelope));
            kafka.send(record);
        }
        kafka.flush();
        await("200 messages", () -> messages(alice, "INBOX").size() >= before + 200);
        assertThat(messages(alice, "INBOX")).hasSize(before + 200);
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE envelope_id = ANY(?)")
                .param(ids.toArray(String[]::new)).query(Long.class).single()).isEqualTo(200);
        // UIDs are dense and increasing although two consumers delivered concurrently
        List<Long> uids = messages(alice, "INBOX").stream().map(MessageMeta::uid).toList();
        for (int i = 1; i < uids.size(); i++) {
            assertThat(uids.get(i)).isGreaterThan(uids.get(i - 1));
        }
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndThePartitionMovesOn() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(MailTopics.INBOUND, key, message("poison"));
        poison.headers().add(EnvelopeCodec.HEADER, new byte[] {42, 1, 2});
        kafka.send(poison).get();
        // same key, same partition: it must not be held up by the poison record before it
        Envelope good = envelope("bob@example.org", "alice@consume.test");
        ProducerRecord<String, byte[]> next = new ProducerRecord<>(MailTopics.INBOUND, key, message("after poison"));
        next.headers().add(EnvelopeCodec.HEADER, EnvelopeCodec.encode(good));
        kafka.send(next).get();

        awaitProcessed(good.id(), 1);
        ConsumerRecord<String, byte[]> dead = deadLetter(key);
        assertThat(dead.value()).isEqualTo(message("poison"));
        Header reason = dead.headers().lastHeader("kafka_dlt-exception-message");
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("unsupported envelope version 42");
        assertThat(dead.headers().lastHeader(EnvelopeCodec.HEADER).value()).containsExactly(42, 1, 2);
    }

    @Test
    void aCrashBetweenTheDatabaseCommitAndTheOffsetCommitLeavesOneCopy() throws Exception {
        int before = messages(alice, "INBOX").size();
        Envelope envelope = envelope("bob@example.org", "alice@consume.test");
        crashSwitch.seen.clear();
        crashSwitch.arm(envelope.id());
        publish(envelope, message("crash"));

        var container = registry.getListenerContainer("inbound");
        await("the consumer to stop after the database commit", () -> !crashSwitch.seen.isEmpty() && !container.isRunning());
        assertThat(messages(alice, "INBOX")).hasSize(before + 1);
        container.start();

        // the restarted consumer gets the record again (its offset was never committed) and skips it
        await("the redelivery", () -> crashSwitch.seen.size() >= 2);
        assertThat(messages(alice, "INBOX")).hasSize(before + 1);
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE envelope_id = ?").param(envelope.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(crashSwitch.seen.get(crashSwitch.seen.size() - 1).duplicates()).isEqualTo(1);
    }

    private static ConsumerRecord<String, byte[]> deadLetter(String key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            // assigned, not subscribed: no group rebalance to wait for
            List<org.apache.kafka.common.TopicPartition> partitions = consumer
                    .partitionsFor(InboundConsumerConfiguration.DEAD_LETTER_TOPIC).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no dead letter with key " + key);
    }

    static EnvelopeRecipient rcpt(String address) {
        return EnvelopeRecipient.of(address);
    }
}
