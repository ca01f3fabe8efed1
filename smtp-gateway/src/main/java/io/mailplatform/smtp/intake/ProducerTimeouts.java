package io.mailplatform.smtp.intake;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The gateway producer's timeouts, derived from the publish timeout T so that the producer has
 * given up on a record before the session gives up on the producer.
 *
 * <p>Why: "nothing refused may be half-published". If the session answered 451 after T while the
 * producer still held the record (retrying, or waiting for metadata), the producer could deliver
 * it later; the client, told 451, sends the message again and it is delivered twice. Kafka bounds
 * a send: {@code send()} blocks at most {@code max.block.ms} (metadata, buffer space), and the
 * callback reports success or failure at most {@code delivery.timeout.ms} after {@code send()}
 * returned, retries included ({@code request.timeout.ms} bounds each attempt and must fit in it with
 * {@code linger.ms}). So with {@code max.block.ms + delivery.timeout.ms < T}, the callback always
 * comes before T, and the session answers from the callback: 250 on success, 451 only on a failure
 * the producer itself reported, when the record is dead in the producer. A send that could not even
 * start within {@link #sendDeadline()} of the publish is failed without calling {@code send()}.
 *
 * <p>What remains is the ambiguity no acknowledgement protocol avoids: a request the broker
 * appended but whose answer was lost. The idempotent producer's retries make that rare (a
 * retried batch is de-duplicated by the broker), and RFC 5321 §6.1 accepts a rare duplicate over a
 * loss.
 *
 * @param maxBlock the producer's {@code max.block.ms}
 * @param deliveryTimeout the producer's {@code delivery.timeout.ms}
 * @param requestTimeout the producer's {@code request.timeout.ms}: half the delivery timeout, so one retry fits
 * @param sendDeadline how long after the publish {@code send()} may still be called
 */
public record ProducerTimeouts(Duration maxBlock, Duration deliveryTimeout, Duration requestTimeout, Duration sendDeadline) {

    /**
     * Splits T: a fifth for blocking in send(), a fifth of slack for queuing before send(), a tenth
     * as a margin against timer granularity, half for delivery (retries included).
     */
    public static ProducerTimeouts forPublishTimeout(Duration publishTimeout, long lingerMillis) {
        long total = publishTimeout.toMillis();
        long maxBlock = Math.max(1, total / 5);
        long slack = Math.max(1, total / 5);
        long delivery = total - maxBlock - slack - total / 10;
        long request = Math.max(1, (delivery - lingerMillis) / 2);
        if (delivery < lingerMillis + request || delivery <= 0) {
            throw new IllegalArgumentException("publish timeout " + publishTimeout + " is too short for linger.ms=" + lingerMillis);
        }
        return new ProducerTimeouts(Duration.ofMillis(maxBlock), Duration.ofMillis(delivery), Duration.ofMillis(request),
                Duration.ofMillis(slack));
    }

    public Duration sendDeadline() {
        return sendDeadline;
    }

    /** Puts the timeouts into a producer configuration (overriding any general setting). */
    public void applyTo(Map<String, Object> config) {
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
    }
}
