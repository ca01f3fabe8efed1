package io.mailplatform.smtp.policy;

import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.Optional;

/**
 * No open relay on any listener (RFC 5321 §7.1, DESIGN.md "Relay"): mail for a domain that is not
 * ours is accepted only from an authenticated session.
 */
public final class RelayPolicy {
    private RelayPolicy() {
    }

    public static Optional<SmtpReply> check(RecipientRoute route, boolean authenticated) {
        return route == RecipientRoute.REMOTE && !authenticated ? Optional.of(Replies.RELAY_DENIED) : Optional.empty();
    }
}
