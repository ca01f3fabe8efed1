package io.mailplatform.store.event;

import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.store.mailbox.KnownModSeqs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** Publishes mailbox events to Kafka, keyed by account so one account's events stay in order. */
@Component
public class KafkaMailboxEventPublisher implements MailboxEventPublisher {
    private static final Logger log = LoggerFactory.getLogger(KafkaMailboxEventPublisher.class);
    private final KafkaTemplate<String, byte[]> kafka;
    private final KnownModSeqs known;

    public KafkaMailboxEventPublisher(KafkaTemplate<String, byte[]> kafka, KnownModSeqs known) {
        this.kafka = kafka;
        this.known = known;
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
}
