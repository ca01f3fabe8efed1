package io.mailplatform.store.kafka;

import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.store.config.StoreProperties;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The platform's Kafka producer and topics. Values are raw bytes (messages, event records); the
 * producer is idempotent with {@code acks=all}, so an acknowledged send is durable and a retried
 * one is not duplicated (DESIGN.md, "Nothing accepted is lost").
 */
@Configuration(proxyBeanMethods = false)
public class MailKafkaConfiguration {

    @Bean
    public ProducerFactory<String, byte[]> mailProducerFactory(KafkaProperties kafka, StoreProperties store) {
        return new DefaultKafkaProducerFactory<>(producerProperties(kafka, store));
    }

    /**
     * The settings of the platform's producer (String keys, byte[] values, idempotent, acks=all),
     * for services that need a producer of their own with extra settings (the SMTP gateway bounds
     * its delivery timeout by its publish timeout).
     */
    public static Map<String, Object> producerProperties(KafkaProperties kafka, StoreProperties store) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, store.maxMessageBytes());
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return config;
    }

    @Bean
    public KafkaTemplate<String, byte[]> mailKafkaTemplate(ProducerFactory<String, byte[]> mailProducerFactory) {
        return new KafkaTemplate<>(mailProducerFactory);
    }

    @Bean
    public NewTopic inboundTopic(StoreProperties store) {
        return new NewTopic(MailTopics.INBOUND, store.inboundPartitions(), store.replicationFactor())
                .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(store.maxMessageBytes()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.min(2, store.replicationFactor()))));
    }

    @Bean
    public NewTopic mailboxEventsTopic(StoreProperties store) {
        return new NewTopic(MailTopics.MAILBOX_EVENTS, store.eventPartitions(), store.replicationFactor())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(24L * 3600 * 1000)));
    }
}
