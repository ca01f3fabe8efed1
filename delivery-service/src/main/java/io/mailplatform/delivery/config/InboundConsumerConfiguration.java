package io.mailplatform.delivery.config;

import io.mailplatform.core.envelope.EnvelopeFormatException;
import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.delivery.consume.Failures;
import io.mailplatform.delivery.consume.PoisonRecordException;
import io.mailplatform.store.config.StoreProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The batch consumer of {@code mail.inbound}: raw byte values, no auto-commit, offsets committed by
 * the container once the listener acknowledged a batch (after its PostgreSQL commit), or the part
 * before a message it must see again (manual acknowledgement). Failures:
 * unreadable records go straight to {@value #DEAD_LETTER_TOPIC} (same partition, reason in the
 * {@code kafka_dlt-exception-*} headers); transient ones (database unreachable) are retried with
 * back-off for as long as it takes; anything else three times, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
public class InboundConsumerConfiguration {
    public static final String DEAD_LETTER_TOPIC = MailTopics.INBOUND + ".DLT";

    @Bean
    public ConcurrentKafkaListenerContainerFactory<String, byte[]> inboundListenerFactory(KafkaProperties kafka,
            DeliveryProperties properties, KafkaTemplate<String, byte[]> mailKafkaTemplate, MeterRegistry registry) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
        ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
        DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config);
        // the Kafka client's own metrics as kafka.consumer.*, records-lag-max among them (consumer lag)
        consumers.addListener(new MicrometerConsumerListener<>(registry));
        factory.setConsumerFactory(consumers);
        factory.setConcurrency(properties.concurrency());
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        // the commit is still issued only after the listener returned (after the database commit); not
        // waiting for it lets the next poll start at once. A commit lost in a rebalance means a
        // redelivery, which the deliveries table makes harmless.
        factory.getContainerProperties().setSyncCommits(false);
        factory.setCommonErrorHandler(errorHandler(mailKafkaTemplate));
        return factory;
    }

    static DefaultErrorHandler errorHandler(KafkaTemplate<String, byte[]> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(DEAD_LETTER_TOPIC, record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000, 3));
        handler.addNotRetryableExceptions(PoisonRecordException.class, EnvelopeFormatException.class);
        handler.setBackOffFunction((record, failure) -> {
            if (Failures.isTransient(failure)) {
                ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
                backOff.setMaxInterval(30_000);
                return backOff; // no maximum elapsed time: accepted mail waits for the database, it is never dropped
            }
            return null;
        });
        return handler;
    }

    /** The dead-letter topic, with as many partitions as {@code mail.inbound} (records keep their partition). */
    @Bean
    public NewTopic inboundDeadLetterTopic(StoreProperties store) {
        return new NewTopic(DEAD_LETTER_TOPIC, store.inboundPartitions(), store.replicationFactor())
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(store.maxMessageBytes())));
    }
}
