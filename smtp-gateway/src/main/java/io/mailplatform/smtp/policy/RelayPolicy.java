package io.mailplatform.smtp.policy;

import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import io.mailplatform.store.directory.RecipientLookup;
import java.util.Optional;

/**
 * No open relay on any listener (RFC 5321 §7.1, DESIGN.md "Relay"): mail for a domain that is not
 * ours is accepted only from an authenticated session.
 */
public final class RelayPolicy {
    private RelayPolicy() {
    }

    public static Optional<SmtpReply> check(RecipientLookup route, boolean authenticated) {
        return route.kind() == RecipientLookup.Kind.NOT_LOCAL && !authenticated ? Optional.of(Replies.RELAY_DENIED)
                : Optional.empty();
    }
}
