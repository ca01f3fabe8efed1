package io.mailplatform.webmail.events;

import io.mailplatform.store.event.MailboxEventFeed;
import io.mailplatform.webmail.config.WebmailProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads {@code mailbox.events} ({@link MailboxEventFeed}, shared with IMAP IDLE) into the {@link AccountEventHub};
 * paused while no event stream is open (most of the time on a server whose users read mail over IMAP).
 */
@Component
public class WebmailEventFeed extends MailboxEventFeed {
    private final AccountEventHub hub;

    public WebmailEventFeed(KafkaProperties kafka, WebmailProperties properties, AccountEventHub hub) {
        super(kafka.buildConsumerProperties(), properties.events().enabled(), properties.events().consumerGroupPrefix(),
                "webmail-mailbox-events", hub::publish);
        this.hub = hub;
    }

    @Override
    protected long listeningSince() {
        return hub.listeningSince();
    }
}
