package io.mailplatform.store.event;

import io.mailplatform.core.envelope.MailTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes mailbox events to Kafka, keyed by account so one account's events stay in order. */
@Component
public class KafkaMailboxEventPublisher implements MailboxEventPublisher {
    private static final Logger log = LoggerFactory.getLogger(KafkaMailboxEventPublisher.class);
    private final KafkaTemplate<String, byte[]> kafka;

    public KafkaMailboxEventPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    @Override
    public void publish(MailboxEvent event) {
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
}
