package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import java.util.List;
import java.util.Objects;

/**
 * One mail transaction to send (RFC 5321 §3.3): MAIL FROM, one RCPT TO per recipient, the message.
 *
 * @param reversePath the MAIL FROM address, empty for the null reverse-path {@code <>} (DSNs)
 * @param recipients the forward paths with their RFC 3461 NOTIFY and ORCPT, passed on when the
 *        server offers DSN; at least one
 * @param bodyType the {@code BODY=} the message was received with (RFC 6152, RFC 3030)
 * @param smtpUtf8 whether the message was received with {@code SMTPUTF8} (RFC 6531)
 * @param dsnReturn RFC 3461 {@code RET=}, or null
 * @param dsnEnvelopeId RFC 3461 {@code ENVID=} as text (xtext-encoded on the wire), or null
 * @param content the message octets
 */
public record OutboundTransaction(String reversePath, List<EnvelopeRecipient> recipients, BodyType bodyType,
        boolean smtpUtf8, DsnReturn dsnReturn, String dsnEnvelopeId, MessageContent content) {

    public OutboundTransaction {
        Objects.requireNonNull(reversePath, "reversePath");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a transaction has at least one recipient");
        }
        Objects.requireNonNull(bodyType, "bodyType");
        Objects.requireNonNull(content, "content");
    }

    /** Some recipients of a received envelope, with its MAIL FROM parameters. */
    public static OutboundTransaction of(Envelope envelope, List<EnvelopeRecipient> recipients, MessageContent content) {
        return new OutboundTransaction(envelope.reversePath(), recipients, envelope.bodyType(), envelope.smtpUtf8(),
                envelope.dsnReturn(), envelope.dsnEnvelopeId(), content);
    }
}
