package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.core.envelope.EnvelopeRecipient;
import java.util.Objects;

/** One recipient of a transaction and what became of it. */
public record RecipientResult(EnvelopeRecipient recipient, RecipientOutcome outcome) {

    public RecipientResult {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean delivered() {
        return outcome instanceof RecipientOutcome.Delivered;
    }

    /** The failure, or null when delivered. */
    public SmtpFailure failure() {
        return outcome instanceof RecipientOutcome.Failed failed ? failed.failure() : null;
    }
}
