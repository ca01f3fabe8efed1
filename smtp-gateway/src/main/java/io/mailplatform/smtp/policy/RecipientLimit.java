package io.mailplatform.smtp.policy;

import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.Optional;

/**
 * Recipients per message (RFC 5321 §4.5.3.1.10): beyond the limit {@code 452 4.5.3}, a transient
 * reply, so the client sends the rest in another transaction.
 */
public final class RecipientLimit {
    private final int maxRecipients;

    public RecipientLimit(int maxRecipients) {
        this.maxRecipients = maxRecipients;
    }

    public Optional<SmtpReply> check(int acceptedSoFar) {
        return acceptedSoFar >= maxRecipients ? Optional.of(Replies.TOO_MANY_RECIPIENTS) : Optional.empty();
    }
}
