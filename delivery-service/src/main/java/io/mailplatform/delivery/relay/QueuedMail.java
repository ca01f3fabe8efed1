package io.mailplatform.delivery.relay;

import io.mailplatform.core.envelope.Envelope;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.store.relay.QueuedRecipient;
import java.util.Objects;

/**
 * A leased queue row with its envelope read: what to send (the row's reverse path and recipient)
 * and whom to tell about it (the envelope's sender, never the SRS reverse path of a forwarded copy).
 *
 * @param row the queue row
 * @param envelope the envelope kept with the row, reduced to the recipient this row came from
 */
public record QueuedMail(QueuedRecipient row, Envelope envelope) {

    public QueuedMail {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(envelope, "envelope");
    }

    /**
     * The envelope recipient the row came from (an alias, for a forwarded copy), with the NOTIFY and
     * ORCPT the sender gave.
     */
    public EnvelopeRecipient reported() {
        return envelope.recipients().isEmpty() ? EnvelopeRecipient.of(row.recipient()) : envelope.recipients().get(0);
    }

    /** The RCPT TO to send: the row's recipient with the sender's NOTIFY and ORCPT (RFC 3461 §4). */
    public EnvelopeRecipient forwardPath() {
        EnvelopeRecipient reported = reported();
        return new EnvelopeRecipient(row.recipient(), reported.notifyOn(), reported.originalRecipient());
    }
}
