package io.mailplatform.store.event;

import io.mailplatform.core.envelope.MailTopics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
import org.springframework.context.SmartLifecycle;

/**
 * Reads {@code mailbox.events} on a thread of its own and hands each event to a sink (IMAP IDLE,
 * the webmail's server-sent events). Every feed has its own consumer group (the prefix and a random
 * suffix), so every instance sees every event; it starts at the end of the topic and commits
 * nothing: events are hints about the present, and a reader that missed one catches up when it
 * next reads the store. Each reader subclasses it as a bean of its own, so the context starts and
 * stops it. A reader that has nobody to tell ({@link #listeningSince}) has its feed paused: no fetches
 * reach the broker until someone listens again.
 */
public class MailboxEventFeed implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(MailboxEventFeed.class);
    /** How often a paused feed looks whether someone listens again. */
    private static final Duration PAUSED_POLL = Duration.ofMillis(50);
    /** Events this much older than the first listener are read again on resuming (registration races). */
    private static final long RESUME_MARGIN_MILLIS = 1000;

    private final Map<String, Object> consumerProperties;
    private final boolean enabled;
    private final String threadName;
    private final Consumer<MailboxEvent> sink;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile boolean paused;

    /**
     * @param consumerProperties the Kafka consumer settings (bootstrap servers, security); group,
     *        offsets and deserializers are set here
     * @param enabled false: the feed never starts (readers then poll the store)
     * @param sink called on the feed's thread: hand off, don't block
     */
    protected MailboxEventFeed(Map<String, Object> consumerProperties, boolean enabled, String groupPrefix,
            String threadName, Consumer<MailboxEvent> sink) {
        this.consumerProperties = new HashMap<>(consumerProperties);
        this.enabled = enabled;
        this.consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "-" + UUID.randomUUID());
        this.threadName = threadName;
        this.sink = sink;
    }

    @Override
    public void start() {
        if (!enabled || running) {
            return;
        }
        Map<String, Object> config = consumerProperties;
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // a fetch is answered as soon as there is an event (an IDLE notice waits for no company) and
        // otherwise waits up to half a second at the broker: an idle platform asks twice a second per
        // feed, not a hundred times (4 KiB / 10 ms, used before, cost an idle standalone 14% of a core)
        config.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        config.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 500);
        consumer = new KafkaConsumer<>(config);
        running = true;
        thread = new Thread(this::run, threadName);
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
                long since = listeningSince();
                Set<TopicPartition> assignment = consumer.assignment();
                if (since < 0 && !paused && !assignment.isEmpty()) {
                    consumer.pause(assignment);
                    paused = true;
                } else if (since >= 0 && paused) {
                    resumeFrom(assignment, since);
                    paused = false;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(paused ? PAUSED_POLL : Duration.ofMillis(500))) {
                    MailboxEvent event = MailboxEventCodec.decode(record.value());
                    if (event != null) {
                        sink.accept(event);
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.warn("mailbox events are no longer read by {} ({}); readers fall back to polling the store", threadName,
                    e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Since when (epoch milliseconds) someone wants this feed's events, or -1 while nobody does (the
     * feed then pauses). Called on the feed's thread before every poll; always 0 by default.
     */
    protected long listeningSince() {
        return 0;
    }

    /**
     * Resumes at the events from shortly before the first listener came; where there are none yet, at the end
     * as it was before the look-up. (A lazy seek to the end, resolved at the next poll, skipped an event
     * appended in between: the first events a new listener waited for.)
     */
    private void resumeFrom(Set<TopicPartition> partitions, long since) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, Math.max(0, since - RESUME_MARGIN_MILLIS)));
        consumer.offsetsForTimes(times).forEach((partition, offset) ->
                consumer.seek(partition, offset != null ? offset.offset() : ends.get(partition)));
        consumer.resume(partitions);
    }

    /** Whether the feed is paused now, nobody {@link #listeningSince listening}. */
    public boolean paused() {
        return paused;
    }

    /** Waits until the consumer reads the topic (tests, benchmarks). */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return enabled && assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
