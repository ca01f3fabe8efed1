package io.mailplatform.delivery.local;

import io.mailplatform.core.envelope.Envelope;

/**
 * One accepted message as the gateway published it.
 *
 * @param envelope the SMTP envelope
 * @param message the raw message, the gateway's Received field first
 */
public record InboundMail(Envelope envelope, byte[] message) {
}
