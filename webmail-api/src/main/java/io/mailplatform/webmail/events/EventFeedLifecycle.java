package io.mailplatform.webmail.events;

import io.mailplatform.store.event.MailboxEventFeed;
import io.mailplatform.webmail.config.WebmailProperties;
import java.time.Duration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** Reads {@code mailbox.events} ({@link MailboxEventFeed}, shared with IMAP IDLE) into the {@link AccountEventHub}. */
@Component
public class EventFeedLifecycle implements SmartLifecycle {
    private final KafkaProperties kafka;
    private final WebmailProperties.Events properties;
    private final AccountEventHub hub;
    private volatile MailboxEventFeed feed;

    public EventFeedLifecycle(KafkaProperties kafka, WebmailProperties properties, AccountEventHub hub) {
        this.kafka = kafka;
        this.properties = properties.events();
        this.hub = hub;
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            return;
        }
        MailboxEventFeed started = new MailboxEventFeed(kafka.buildConsumerProperties(), properties.consumerGroupPrefix(),
                "webmail-mailbox-events", hub::publish);
        started.start();
        feed = started;
    }

    /** Waits until the feed reads the topic (tests). */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        MailboxEventFeed current = feed;
        return current != null && current.awaitAssignment(timeout);
    }

    @Override
    public void stop() {
        MailboxEventFeed current = feed;
        if (current != null) {
            current.stop();
        }
        feed = null;
    }

    @Override
    public boolean isRunning() {
        MailboxEventFeed current = feed;
        return current != null && current.isRunning();
    }
}
