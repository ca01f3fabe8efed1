package io.mailplatform.store.kafka;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeCodec;
import io.mailplatform.core.envelope.MailTopics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The {@code mail.inbound} record of one submitted message, the same for every way in (SMTP gateway,
 * webmail): the raw message as value, the envelope in the {@link EnvelopeCodec#HEADER} header, and no
 * key (the envelope id travels in the header; nothing needs per-key order, and keyless records fill
 * one batch at a time).
 */
public final class InboundRecords {
    private InboundRecords() {
    }

    /** @param value the trace field(s) followed by the message octets */
    public static ProducerRecord<String, byte[]> of(Envelope envelope, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(MailTopics.INBOUND, null, value);
        record.headers().add(new RecordHeader(EnvelopeCodec.HEADER, EnvelopeCodec.encode(envelope)));
        return record;
    }
}
