package io.mailplatform.store.event;

import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.kafka.MailKafkaConfiguration;
import io.mailplatform.store.mailbox.KnownModSeqs;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes mailbox events to Kafka, keyed by account so one account's events stay in order.
 *
 * <p>Through a producer of its own that lingers ({@code mail.store.event-linger}): under load the
 * events of many commands go in one request instead of one request each, which was a third of
 * the broker's and producer's work under IMAP load. Mail itself goes through the platform's
 * producer, which does not wait.
 *
 * <p>The writer never waits for Kafka: events are handed to a sender thread of their own, in order, and
 * dropped (counted, logged once per run of drops) when {@link #QUEUED} are waiting, as they do while the
 * broker cannot be reached. The producer's {@code send} blocks while it has no metadata for the topic
 * ({@code max.block.ms}, 60 s by default): on the writer's thread every STORE, APPEND and EXPUNGE waited
 * that long without a broker, though the change was committed and the event is only a hint.
 */
@Component
public class KafkaMailboxEventPublisher implements MailboxEventPublisher, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(KafkaMailboxEventPublisher.class);
    /** Events waiting at most for the sender thread; beyond, they are dropped. */
    static final int QUEUED = 10_000;
    /** How long the sender waits for the broker's metadata before it drops an event. */
    static final int MAX_BLOCK_MS = 2_000;
    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final KnownModSeqs known;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUED), task -> {
                Thread thread = new Thread(task, "mailbox-events-sender");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicLong dropped = new AtomicLong();

    public KafkaMailboxEventPublisher(KafkaProperties kafkaProperties, StoreProperties store, KnownModSeqs known) {
        this.producers = new DefaultKafkaProducerFactory<>(producerProperties(kafkaProperties, store));
        // events not sent by then are dropped at shutdown rather than holding it up (the default waits 30 s)
        producers.setPhysicalCloseTimeout(2);
        this.kafka = new KafkaTemplate<>(producers);
        this.known = known;
    }

    /** The platform's producer settings, lingering; a configured client id gets a suffix (ids name one producer). */
    static Map<String, Object> producerProperties(KafkaProperties kafkaProperties, StoreProperties store) {
        Map<String, Object> config = new HashMap<>(MailKafkaConfiguration.producerProperties(kafkaProperties, store));
        config.put(ProducerConfig.LINGER_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, store.eventLinger().toMillis()));
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        config.computeIfPresent(ProducerConfig.CLIENT_ID_CONFIG, (key, id) -> id + "-mailbox-events");
        return config;
    }

    @Override
    public void publish(MailboxEvent event) {
        // this process's sessions learn of the change at once, not when its event comes back
        known.written(event);
        try {
            sender.execute(() -> send(event));
        } catch (RejectedExecutionException e) {
            if (!sender.isShutdown()) {
                drop(event, "too many events waiting for the broker");
            }
        }
    }

    private void send(MailboxEvent event) {
        try {
            kafka.send(MailTopics.MAILBOX_EVENTS, Long.toString(event.accountId()), MailboxEventCodec.encode(event))
                    .whenComplete((result, failure) -> {
                        if (failure != null) {
                            drop(event, failure.toString());
                        } else {
                            recovered();
                        }
                    });
        } catch (RuntimeException e) {
            drop(event, e.toString());
        }
    }

    /** Logs the first drop of a run (readers catch up on their next command), and counts all. */
    private void drop(MailboxEvent event, String why) {
        if (dropped.getAndIncrement() == 0) {
            log.warn("mailbox events are not published (readers will catch up on their next command), the first: {} of"
                    + " mailbox {}: {}", event.type(), event.mailboxId(), why);
        }
    }

    private void recovered() {
        if (dropped.get() == 0) {
            return; // the usual case, without a write to the shared counter
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            log.info("mailbox events are published again; {} were dropped", lost);
        }
    }

    /** Events dropped since the last one was published. */
    long dropped() {
        return dropped.get();
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
        producers.destroy();
    }
}
