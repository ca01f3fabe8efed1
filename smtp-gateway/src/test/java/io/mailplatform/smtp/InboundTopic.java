package io.mailplatform.smtp;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.testsupport.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code mail.inbound} from the beginning, as the delivery service would, to see what the gateway published. */
public final class InboundTopic {

    /** One published record: the envelope from the header and the raw message. */
    public record Published(Envelope envelope, byte[] message) {
    }

    private InboundTopic() {
    }

    /** Every record of the topic, polling until {@code done} holds for what was read or the time is up. */
    public static List<Published> readUntil(String bootstrapServers, Predicate<List<Published>> done, Duration timeout) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 << 20,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 << 20);
        List<Published> published = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(MailTopics.INBOUND, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(published) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    published.add(new Published(EnvelopeCodec.decode(record.headers().lastHeader(EnvelopeCodec.HEADER).value()),
                            record.value()));
                }
            }
            // read what else is there, so that duplicates would show
            for (int i = 0; i < 3; i++) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    published.add(new Published(EnvelopeCodec.decode(record.headers().lastHeader(EnvelopeCodec.HEADER).value()),
                            record.value()));
                }
            }
        }
        return published;
    }

    /** The records of one envelope id, read from the test broker until it is there (duplicates included). */
    public static List<Published> withId(String id) {
        return withIds(readUntil(TestKafka.bootstrapServers(), all -> all.stream().anyMatch(p -> p.envelope().id().equals(id)),
                Duration.ofSeconds(60)), Set.of(id));
    }

    /** The records with these envelope ids (duplicates included). */
    public static List<Published> withIds(List<Published> published, java.util.Collection<String> ids) {
        return published.stream().filter(p -> ids.contains(p.envelope().id())).toList();
    }
}
