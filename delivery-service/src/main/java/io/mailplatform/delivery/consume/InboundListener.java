package io.mailplatform.delivery.consume;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeFormatException;
import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.delivery.local.BatchOutcome;
import io.mailplatform.delivery.local.InboundMail;
import io.mailplatform.delivery.local.LocalDelivery;
import io.mailplatform.store.mailbox.BatchDeliveryResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code mail.inbound} in batches: one PostgreSQL transaction per poll; the container
 * commits the offsets only after this method returned, i.e. after the commit. A record that cannot
 * be read ends the batch: the records before it are delivered, then {@link BatchListenerFailedException}
 * names it, so the error handler commits up to it, dead-letters it without retrying, and replays the
 * rest. If a whole batch fails for another reason, its records are delivered one by one to find the
 * culprit, so one bad message never holds up the partition.
 *
 * <p>A message whose SPF check is slow does not hold up the batch either: the messages whose check is
 * done are stored (also those after it), then the batch is acknowledged only up to the first message
 * still waiting ({@link Acknowledgment#nack(int, Duration)}): the offsets before it are committed and
 * the records from it on come again in the next poll, where the waiting message joins its still
 * running check. Offsets are never committed past a message that is not stored, so nothing is lost;
 * the records stored in an earlier round are recognised by their (envelope id, recipient) and not
 * stored twice.
 */
@Component
public class InboundListener {
    private static final Logger log = LoggerFactory.getLogger(InboundListener.class);
    /** A message waiting for its SPF check comes again at once: the next round waits for the check. */
    private static final Duration REDELIVERY_DELAY = Duration.ZERO;

    private final LocalDelivery delivery;
    private final ObjectProvider<BatchCommitListener> listeners;

    public InboundListener(LocalDelivery delivery, ObjectProvider<BatchCommitListener> listeners) {
        this.delivery = delivery;
        this.listeners = listeners;
    }

    // idIsGroup false: the group is mail.delivery.group-id (the consumer factory's), not the listener id
    @KafkaListener(id = "inbound", idIsGroup = false, topics = MailTopics.INBOUND, containerFactory = "inboundListenerFactory",
            batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records, Acknowledgment acknowledgment) {
        List<InboundMail> batch = new ArrayList<>(records.size());
        PoisonRecordException poison = null;
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                batch.add(decode(record));
            } catch (PoisonRecordException e) {
                poison = e;
                break;
            }
        }
        int waiting = batch.isEmpty() ? -1 : deliver(batch);
        if (waiting >= 0) {
            log.debug("{} of {} records wait for SPF checks; redelivered from {}-{}@{}", batch.size() - waiting,
                    records.size(), records.get(waiting).topic(), records.get(waiting).partition(),
                    records.get(waiting).offset());
            acknowledgment.nack(waiting, REDELIVERY_DELAY); // an unreadable record after it comes again too
            return;
        }
        if (poison != null) {
            log.warn("record {}-{}@{} is unreadable, dead-lettered: {}", records.get(batch.size()).topic(),
                    records.get(batch.size()).partition(), records.get(batch.size()).offset(), poison.getMessage());
            throw new BatchListenerFailedException(poison.getMessage(), poison, batch.size());
        }
        acknowledgment.acknowledge();
    }

    /** Delivers what is ready; returns the index of the first message that must come again, or -1. */
    private int deliver(List<InboundMail> batch) {
        BatchOutcome outcome;
        try {
            outcome = delivery.deliver(batch);
        } catch (RuntimeException e) {
            if (Failures.isTransient(e) || batch.size() == 1) {
                throw new BatchListenerFailedException("delivery failed: " + e.getMessage(), e, 0);
            }
            log.warn("batch of {} failed ({}); delivering its records one by one", batch.size(), e.toString());
            for (int i = 0; i < batch.size(); i++) {
                BatchOutcome single;
                try {
                    single = delivery.deliver(List.of(batch.get(i)));
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException("delivery failed: " + failure.getMessage(), failure, i);
                }
                notify(single.delivered(), single.result());
                if (!single.complete()) {
                    return i;
                }
            }
            return -1;
        }
        notify(outcome.delivered(), outcome.result());
        return outcome.firstWaiting();
    }

    private void notify(List<InboundMail> batch, BatchDeliveryResult result) {
        listeners.orderedStream().forEach(listener -> listener.committed(batch, result));
    }

    static InboundMail decode(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(EnvelopeCodec.HEADER);
        Envelope envelope;
        try {
            envelope = EnvelopeCodec.decode(header == null ? null : header.value());
        } catch (EnvelopeFormatException e) {
            throw new PoisonRecordException("unreadable envelope: " + e.getMessage(), e);
        }
        if (record.value() == null) {
            throw new PoisonRecordException("record without value", null);
        }
        if (envelope.recipients().isEmpty()) {
            throw new PoisonRecordException("envelope " + envelope.id() + " has no recipients", null);
        }
        return new InboundMail(envelope, record.value());
    }
}
