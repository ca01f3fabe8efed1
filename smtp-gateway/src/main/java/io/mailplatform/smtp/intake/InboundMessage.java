package io.mailplatform.smtp.intake;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.ReceivedHeader;

/**
 * One accepted message on its way to Kafka: the envelope, the gateway's {@code Received:} field
 * and the mail data as received (DESIGN.md, Contracts). The record value, one array with both, is
 * built only when the producer takes it ({@link #recordValue()}), so that a message waiting for a
 * sender thread holds nothing but its budgeted mail data.
 *
 * @param envelope the SMTP envelope
 * @param received the trace field that goes in front of the message
 * @param data the message octets; the publisher's caller releases them once the publish is over
 */
public record InboundMessage(Envelope envelope, byte[] received, MailData data) {

    public static InboundMessage assemble(Envelope envelope, String byHost, boolean extended, MailData data) {
        return new InboundMessage(envelope, ReceivedHeader.render(envelope, byHost, ReceivedHeader.protocol(envelope, extended)), data);
    }

    /** The raw message as it goes to Kafka: the Received field, then the mail data; a fresh copy. */
    public byte[] recordValue() {
        long length = received.length + data.length();
        byte[] value = new byte[Math.toIntExact(length)];
        System.arraycopy(received, 0, value, 0, received.length);
        data.copyTo(value, received.length);
        return value;
    }
}
