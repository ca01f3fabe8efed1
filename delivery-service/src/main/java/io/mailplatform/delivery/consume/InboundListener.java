package io.mailplatform.delivery.consume;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.EnvelopeFormatException;
import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.delivery.local.InboundMail;
import io.mailplatform.delivery.local.LocalDelivery;
import io.mailplatform.store.mailbox.BatchDeliveryResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code mail.inbound} in batches: one PostgreSQL transaction per poll; the container
 * commits the offsets only after this method returned, i.e. after the commit. A record that cannot
 * be read ends the batch: the records before it are delivered, then {@link BatchListenerFailedException}
 * names it, so the error handler commits up to it, dead-letters it without retrying, and replays the
 * rest. If a whole batch fails for another reason, its records are delivered one by one to find the
 * culprit, so one bad message never holds up the partition.
 */
@Component
public class InboundListener {
    private static final Logger log = LoggerFactory.getLogger(InboundListener.class);

    private final LocalDelivery delivery;
    private final ObjectProvider<BatchCommitListener> listeners;

    public InboundListener(LocalDelivery delivery, ObjectProvider<BatchCommitListener> listeners) {
        this.delivery = delivery;
        this.listeners = listeners;
    }

    @KafkaListener(id = "inbound", topics = MailTopics.INBOUND, containerFactory = "inboundListenerFactory", batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
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
        if (!batch.isEmpty()) {
            deliver(batch);
        }
        if (poison != null) {
            log.warn("record {}-{}@{} is unreadable, dead-lettered: {}", records.get(batch.size()).topic(),
                    records.get(batch.size()).partition(), records.get(batch.size()).offset(), poison.getMessage());
            throw new BatchListenerFailedException(poison.getMessage(), poison, batch.size());
        }
    }

    private void deliver(List<InboundMail> batch) {
        BatchDeliveryResult result;
        try {
            result = delivery.deliver(batch);
        } catch (RuntimeException e) {
            if (Failures.isTransient(e) || batch.size() == 1) {
                throw new BatchListenerFailedException("delivery failed: " + e.getMessage(), e, 0);
            }
            log.warn("batch of {} failed ({}); delivering its records one by one", batch.size(), e.toString());
            for (int i = 0; i < batch.size(); i++) {
                try {
                    notify(List.of(batch.get(i)), delivery.deliver(List.of(batch.get(i))));
                } catch (RuntimeException single) {
                    throw new BatchListenerFailedException("delivery failed: " + single.getMessage(), single, i);
                }
            }
            return;
        }
        notify(batch, result);
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
