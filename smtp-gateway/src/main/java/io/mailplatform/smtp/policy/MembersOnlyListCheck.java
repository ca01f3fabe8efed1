package io.mailplatform.smtp.policy;

import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.Optional;

/**
 * A members-only list refuses other senders at RCPT with {@code 550 5.7.2} (RFC 3463: delivery not
 * authorized, message refused), so the sender hears it at once and no bounce is needed.
 */
public final class MembersOnlyListCheck {
    private MembersOnlyListCheck() {
    }

    public static Optional<SmtpReply> check(boolean senderIsMember) {
        return senderIsMember ? Optional.empty() : Optional.of(Replies.MEMBERS_ONLY);
    }
}
