package io.mailplatform.pop3.support;

import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventCodec;
import io.mailplatform.testsupport.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code mailbox.events} from now on, as an IMAP instance would, to see what a POP3 session published. */
public final class MailboxEventWatch implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;

    public MailboxEventWatch() {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(MailTopics.MAILBOX_EVENTS, Duration.ofSeconds(20)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** The first event from now on that matches, waiting up to 20 seconds. */
    public Optional<MailboxEvent> await(Predicate<MailboxEvent> matches) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                MailboxEvent event = MailboxEventCodec.decode(record.value());
                if (event != null && matches.test(event)) {
                    return Optional.of(event);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
