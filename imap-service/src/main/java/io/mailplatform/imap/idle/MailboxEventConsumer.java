package io.mailplatform.imap.idle;

import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.store.event.MailboxEventFeed;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads {@code mailbox.events} for this instance ({@link MailboxEventFeed}, shared with the
 * webmail) and hands each event to the {@link MailboxEventHub}; when the feed stops, IDLE sessions
 * fall back to polling the store.
 */
@Component
public class MailboxEventConsumer extends MailboxEventFeed {
    public MailboxEventConsumer(KafkaProperties kafka, ImapProperties properties, MailboxEventHub hub) {
        super(kafka.buildConsumerProperties(), properties.events().enabled(), properties.events().consumerGroupPrefix(),
                "imap-mailbox-events", hub::publish);
    }
}
