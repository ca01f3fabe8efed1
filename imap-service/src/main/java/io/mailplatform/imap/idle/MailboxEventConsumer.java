package io.mailplatform.imap.idle;

import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.store.event.MailboxEventFeed;
import java.time.Duration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code mailbox.events} for this instance ({@link MailboxEventFeed}, shared with the
 * webmail) and hands each event to the {@link MailboxEventHub}; when the feed stops, IDLE sessions
 * fall back to polling the store.
 */
@Component
public class MailboxEventConsumer implements SmartLifecycle {
    private final KafkaProperties kafka;
    private final ImapProperties properties;
    private final MailboxEventHub hub;
    private volatile MailboxEventFeed feed;

    public MailboxEventConsumer(KafkaProperties kafka, ImapProperties properties, MailboxEventHub hub) {
        this.kafka = kafka;
        this.properties = properties;
        this.hub = hub;
    }

    @Override
    public void start() {
        if (!properties.events().enabled()) {
            return;
        }
        MailboxEventFeed started = new MailboxEventFeed(kafka.buildConsumerProperties(),
                properties.events().consumerGroupPrefix(), "imap-mailbox-events", hub::publish);
        started.start();
        feed = started;
    }

    /** Waits until the consumer reads the topic (tests, benchmarks). */
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
