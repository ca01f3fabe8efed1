package io.mailplatform.smtp.intake;

import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.kafka.InboundRecords;
import io.mailplatform.store.kafka.MailKafkaConfiguration;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Hands accepted messages to Kafka {@code mail.inbound}. The returned future completes when the
 * broker acknowledged the record ({@code acks=all}, idempotent producer): the session answers 250
 * then, and 451 when it fails. The gateway has a producer of its own, with the platform's settings
 * plus timeouts that fit in the publish timeout ({@link ProducerTimeouts} explains why).
 * {@code send()} may block (metadata, buffer), so it never runs on an event loop.
 */
@Component
public class InboundPublisher implements DisposableBean {
    /** Room for the Received field and the record's own overhead on top of the message. */
    private static final long RECEIVED_ALLOWANCE = 64 * 1024;
    /** Threads that hand records to the producer; each holds at most one record value outside the producer's buffer. */
    public static final int SENDER_THREADS = 2;
    private final Producer<String, byte[]> producer;
    private final ProducerTimeouts timeouts;
    private final Duration publishTimeout;
    private final ExecutorService senders = Executors.newFixedThreadPool(SENDER_THREADS,
            new DefaultThreadFactory("smtp-publish", true));

    public InboundPublisher(KafkaProperties kafka, StoreProperties store, SmtpProperties smtp) {
        Map<String, Object> config = MailKafkaConfiguration.producerProperties(kafka, store);
        long linger = Long.parseLong(String.valueOf(config.getOrDefault(ProducerConfig.LINGER_MS_CONFIG, 0)));
        this.publishTimeout = smtp.limits().publishTimeout();
        this.timeouts = ProducerTimeouts.forPublishTimeout(publishTimeout, linger);
        timeouts.applyTo(config);
        // Profiled (JFR, bench.smtp): with a key per record, records spread over all partitions and
        // each small batch allocated its own LZ4 buffers (~128 KiB for a 4 KiB message). Records are
        // published without a key (the envelope id travels in the header; nothing needs per-key
        // order), so the sticky partitioner fills one batch at a time, and batches may hold many.
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // a record larger than the producer's buffer can never be sent: it would be a 451 for ever
        long maxMessage = smtp.limits().maxMessageSize().toBytes();
        if (maxMessage + RECEIVED_ALLOWANCE > store.maxMessageBytes()) {
            throw new IllegalStateException("mail.smtp.limits.max-message-size (" + maxMessage
                    + ") does not fit in a Kafka record of mail.store.max-message-bytes (" + store.maxMessageBytes() + ")");
        }
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L << 20, 2 * (maxMessage + RECEIVED_ALLOWANCE)));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "smtp-gateway-" + Integer.toHexString(System.identityHashCode(this)));
        this.producer = new KafkaProducer<>(config);
    }

    public ProducerTimeouts timeouts() {
        return timeouts;
    }

    /**
     * Publishes the message; the future completes when the broker acknowledged it, or exceptionally.
     * The caller still owns the message's mail data and releases it when the future completes.
     */
    public CompletableFuture<Void> publish(InboundMessage message) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        long sendBy = System.nanoTime() + timeouts.sendDeadline().toNanos();
        try {
            senders.execute(() -> send(message, sendBy, acknowledged));
        } catch (RejectedExecutionException e) {
            acknowledged.completeExceptionally(e);
        }
        // a safety net only: the producer's own timeouts end every send before this fires
        return acknowledged.orTimeout(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(InboundMessage message, long sendBy, CompletableFuture<Void> acknowledged) {
        if (System.nanoTime() > sendBy) {
            // too late to start: the producer could not finish within the publish timeout; nothing was sent
            acknowledged.completeExceptionally(new TimeoutException("publish queue too slow, record not sent"));
            return;
        }
        try {
            // the one array the producer needs, made here: at most one per sender thread is alive
            // outside the producer's own buffer (send() copies it into a batch and keeps no reference)
            ProducerRecord<String, byte[]> record = InboundRecords.of(message.envelope(), message.recordValue());
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (RuntimeException e) {
            acknowledged.completeExceptionally(e); // e.g. max.block.ms expired: never appended, never sent
        }
    }

    @Override
    public void destroy() {
        senders.shutdown();
        producer.close(Duration.ofSeconds(5));
    }
}
