package io.mailplatform.store;

import io.mailplatform.store.config.MailStoreConfiguration;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventPublisher;
import io.mailplatform.store.mailbox.KnownModSeqs;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/** The store alone, with events recorded in memory instead of sent to a broker. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(MailStoreConfiguration.class)
public class StoreTestApplication {

    @Bean
    @Primary
    RecordingPublisher recordingPublisher(KnownModSeqs known) {
        return new RecordingPublisher(known);
    }

    /** Records events; like the Kafka publisher it tells {@link KnownModSeqs} of each change. */
    public static class RecordingPublisher implements MailboxEventPublisher {
        public final List<MailboxEvent> events = new CopyOnWriteArrayList<>();
        private final KnownModSeqs known;

        RecordingPublisher(KnownModSeqs known) {
            this.known = known;
        }

        @Override
        public void publish(MailboxEvent event) {
            known.written(event);
            events.add(event);
        }
    }
}
