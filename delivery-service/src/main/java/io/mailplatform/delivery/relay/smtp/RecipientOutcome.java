package io.mailplatform.delivery.relay.smtp;

/** What became of one recipient of a transaction. */
public sealed interface RecipientOutcome {

    /**
     * The server took responsibility for the message to this recipient (RFC 5321 §6.1).
     *
     * @param reply the reply to the end of the message (e.g. {@code 250 2.0.0 queued as X})
     */
    record Delivered(SmtpReply reply) implements RecipientOutcome {
    }

    /** Not delivered: {@link SmtpFailure#permanent()} tells bounce (DSN) from retry. */
    record Failed(SmtpFailure failure) implements RecipientOutcome {
    }
}
