package io.mailplatform.store;

import io.mailplatform.store.config.MailStoreConfiguration;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventPublisher;
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
    RecordingPublisher recordingPublisher() {
        return new RecordingPublisher();
    }

    public static class RecordingPublisher implements MailboxEventPublisher {
        public final List<MailboxEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void publish(MailboxEvent event) {
            events.add(event);
        }
    }
}
