package io.mailplatform.store.event;

import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.kafka.MailKafkaConfiguration;
import io.mailplatform.store.mailbox.KnownModSeqs;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes mailbox events to Kafka, keyed by account so one account's events stay in order.
 *
 * <p>Through a producer of its own that lingers ({@code mail.store.event-linger}): under load the
 * events of many commands go in one request instead of one request each, which was a third of
 * the broker's and producer's work under IMAP load. Mail itself goes through the platform's
 * producer, which does not wait.
 */
@Component
public class KafkaMailboxEventPublisher implements MailboxEventPublisher, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(KafkaMailboxEventPublisher.class);
    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final KnownModSeqs known;

    public KafkaMailboxEventPublisher(KafkaProperties kafkaProperties, StoreProperties store, KnownModSeqs known) {
        this.producers = new DefaultKafkaProducerFactory<>(producerProperties(kafkaProperties, store));
        this.kafka = new KafkaTemplate<>(producers);
        this.known = known;
    }

    /** The platform's producer settings, lingering; a configured client id gets a suffix (ids name one producer). */
    static Map<String, Object> producerProperties(KafkaProperties kafkaProperties, StoreProperties store) {
        Map<String, Object> config = new HashMap<>(MailKafkaConfiguration.producerProperties(kafkaProperties, store));
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, store.eventLinger().toMillis()));
        config.computeIfPresent(ProducerConfig.CLIENT_ID_CONFIG, (key, id) -> id + "-mailbox-events");
        return config;
    }

    @Override
    public void publish(MailboxEvent event) {
        // this process's sessions learn of the change at once, not when its event comes back
        known.written(event);
        try {
            kafka.send(MailTopics.MAILBOX_EVENTS, Long.toString(event.accountId()), MailboxEventCodec.encode(event))
                    .whenComplete((result, failure) -> {
                        if (failure != null) {
                            log.warn("mailbox event not published (readers will catch up on their next command): {}",
                                    failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("mailbox event not published: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
