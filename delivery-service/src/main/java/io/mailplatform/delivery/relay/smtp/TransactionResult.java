package io.mailplatform.delivery.relay.smtp;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one transaction: one result per recipient, in the order given, and what became of
 * the message text. Every recipient has an outcome, also when the connection broke.
 *
 * @param host the server the transaction was sent to (RFC 3464 {@code Remote-MTA})
 * @param recipients one result per recipient of the transaction
 * @param message the DATA/BDAT phase
 * @param dsnPassedOn whether the server offered DSN, so NOTIFY/ORCPT/RET/ENVID went with the mail;
 *        if not, the relay reports {@code NOTIFY=SUCCESS} itself as "relayed" (RFC 3461 §4.1)
 */
public record TransactionResult(RemoteHost host, List<RecipientResult> recipients, MessageOutcome message,
        boolean dsnPassedOn) {

    public TransactionResult {
        Objects.requireNonNull(host, "host");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(message, "message");
    }

    public List<RecipientResult> delivered() {
        return recipients.stream().filter(RecipientResult::delivered).toList();
    }

    /** Recipients to try again later (or at another host of the destination). */
    public List<RecipientResult> temporaryFailures() {
        return recipients.stream().filter(r -> r.failure() != null && !r.failure().permanent()).toList();
    }

    /** Recipients that get a DSN. */
    public List<RecipientResult> permanentFailures() {
        return recipients.stream().filter(r -> r.failure() != null && r.failure().permanent()).toList();
    }
}
