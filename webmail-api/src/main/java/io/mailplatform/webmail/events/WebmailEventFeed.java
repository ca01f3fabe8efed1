package io.mailplatform.webmail.events;

import io.mailplatform.store.event.MailboxEventFeed;
import io.mailplatform.webmail.config.WebmailProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/** Reads {@code mailbox.events} ({@link MailboxEventFeed}, shared with IMAP IDLE) into the {@link AccountEventHub}. */
@Component
public class WebmailEventFeed extends MailboxEventFeed {
    public WebmailEventFeed(KafkaProperties kafka, WebmailProperties properties, AccountEventHub hub) {
        super(kafka.buildConsumerProperties(), properties.events().enabled(), properties.events().consumerGroupPrefix(),
                "webmail-mailbox-events", hub::publish);
    }
}
