package io.mailplatform.delivery.consume;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.MailTopics;
import io.mailplatform.delivery.local.LocalDelivery;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consumes accepted messages and hands each to local delivery. */
@Component
public class InboundListener {
    private final LocalDelivery delivery;

    public InboundListener(LocalDelivery delivery) {
        this.delivery = delivery;
    }

    @KafkaListener(id = "inbound", topics = MailTopics.INBOUND, containerFactory = "inboundListenerFactory")
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(EnvelopeCodec.HEADER);
        Envelope envelope = EnvelopeCodec.decode(header == null ? null : header.value());
        delivery.deliver(envelope, record.value());
    }
}
