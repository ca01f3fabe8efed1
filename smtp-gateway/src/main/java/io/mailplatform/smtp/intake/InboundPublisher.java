package io.mailplatform.smtp.intake;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.smtp.config.SmtpProperties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands an accepted message to Kafka. The returned future completes only when the broker has
 * acknowledged the record ({@code acks=all}); the session answers 250 then, and 451 if it fails.
 */
@Component
public class InboundPublisher {
    private final KafkaTemplate<String, byte[]> kafka;
    private final long timeoutMillis;

    public InboundPublisher(KafkaTemplate<String, byte[]> kafka, SmtpProperties properties) {
        this.kafka = kafka;
        this.timeoutMillis = properties.limits().publishTimeout().toMillis();
    }

    public CompletableFuture<Void> publish(Envelope envelope, byte[] message) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(MailTopics.INBOUND, envelope.id(), message);
        record.headers().add(new RecordHeader(EnvelopeCodec.HEADER, EnvelopeCodec.encode(envelope)));
        try {
            return kafka.send(record).orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).thenApply(result -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
