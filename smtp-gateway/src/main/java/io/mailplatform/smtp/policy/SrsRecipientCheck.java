package io.mailplatform.smtp.policy;

import io.mailplatform.core.srs.SrsReversal;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.Optional;

/**
 * RCPT TO an SRS address at one of our domains: the reverse path delivery gave mail it forwarded,
 * to which bounces come back. Its hash, not the directory, says whether it exists: forged and
 * malformed ones get {@code 550 5.1.1}, and so do expired ones (after {@code mail.srs.max-age}).
 * A valid one takes only mail with the null reverse path (RFC 5321 §4.5.5: bounces and other
 * notifications, RFC 3834 auto-replies): anything else would make the platform relay whatever
 * anyone writes to the original sender, an open redirector for as long as the address lives, so
 * it gets {@code 550 5.7.1}.
 */
public final class SrsRecipientCheck {
    private SrsRecipientCheck() {
    }

    public static Optional<SmtpReply> check(SrsReversal reversal, boolean nullReversePath) {
        if (reversal instanceof SrsReversal.Refused refused) {
            return Optional.of(refused.reason() == SrsReversal.Reason.EXPIRED ? Replies.SRS_EXPIRED : Replies.SRS_INVALID);
        }
        return nullReversePath ? Optional.empty() : Optional.of(Replies.SRS_BOUNCES_ONLY);
    }
}
