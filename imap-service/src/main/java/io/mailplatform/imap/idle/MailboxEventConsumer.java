package io.mailplatform.imap.idle;

import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.store.event.MailboxEvent;
import io.mailplatform.store.event.MailboxEventCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code mailbox.events} for this instance and hands each event to the {@link MailboxEventHub}.
 * Every instance has its own consumer group (a random suffix), so every instance sees every event;
 * it starts at the end of the topic and commits nothing: events are hints about the present, and a
 * session that missed one catches up when it next reads the store.
 */
@Component
public class MailboxEventConsumer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MailboxEventConsumer.class);

    private final KafkaProperties kafka;
    private final ImapProperties properties;
    private final MailboxEventHub hub;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;

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
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.events().consumerGroupPrefix() + "-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        consumer = new KafkaConsumer<>(config);
        running = true;
        thread = new Thread(this::run, "imap-mailbox-events");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(MailTopics.MAILBOX_EVENTS), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // only what happens from now on is news
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position);
                    assigned.countDown();
                }
            });
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    MailboxEvent event = MailboxEventCodec.decode(record.value());
                    if (event != null) {
                        hub.publish(event);
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.warn("mailbox events are no longer read ({}); IDLE sessions fall back to polling the store", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Waits until the consumer reads the topic (tests, benchmarks). */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread worker = thread;
        if (worker != null) {
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
        consumer = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
