package io.mailplatform.smtp.intake;

import io.mailplatform.core.envelope.Envelope;
import io.netty.buffer.ByteBuf;

/**
 * One accepted message as it goes to Kafka: the envelope and the raw message with the gateway's
 * {@code Received:} field in front (DESIGN.md, Contracts).
 *
 * @param envelope the SMTP envelope
 * @param content the message octets; this array is the one copy of the body the producer needs
 */
public record InboundMessage(Envelope envelope, byte[] content) {

    /** Copies the received content once, behind the trace field; the caller still owns {@code body}. */
    public static InboundMessage assemble(Envelope envelope, String byHost, boolean extended, ByteBuf body) {
        byte[] received = ReceivedHeader.render(envelope, byHost, extended);
        int length = body == null ? 0 : body.readableBytes();
        byte[] content = new byte[received.length + length];
        System.arraycopy(received, 0, content, 0, received.length);
        if (length > 0) {
            body.getBytes(body.readerIndex(), content, received.length, length);
        }
        return new InboundMessage(envelope, content);
    }
}
