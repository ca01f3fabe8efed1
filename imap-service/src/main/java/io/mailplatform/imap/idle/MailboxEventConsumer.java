package io.mailplatform.imap.idle;

import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.store.event.MailboxEventFeed;
import io.mailplatform.store.mailbox.KnownModSeqs;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Reads {@code mailbox.events} for this instance ({@link MailboxEventFeed}, shared with the
 * webmail) and hands each event to the {@link MailboxEventHub}; when the feed stops, IDLE sessions
 * fall back to polling the store. Changes of other processes also end what this one knows of a
 * mailbox's HIGHESTMODSEQ ({@link KnownModSeqs}).
 */
@Component
public class MailboxEventConsumer extends MailboxEventFeed {
    public MailboxEventConsumer(KafkaProperties kafka, ImapProperties properties, MailboxEventHub hub,
            KnownModSeqs known) {
        super(kafka.buildConsumerProperties(), properties.events().enabled(), properties.events().consumerGroupPrefix(),
                "imap-mailbox-events", event -> {
                    // first, so the session the hub wakes does read the store
                    known.written(event);
                    hub.publish(event);
                });
    }
}
