package io.mailplatform.smtp.policy;

import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import io.mailplatform.store.directory.RecipientLookup;
import java.util.Optional;

/** An unknown user of a local domain is refused at RCPT (RFC 5321 §3.3), so the sender hears it at once and no bounce is needed. */
public final class LocalRecipientCheck {
    private LocalRecipientCheck() {
    }

    public static Optional<SmtpReply> check(RecipientLookup route) {
        return route.kind() == RecipientLookup.Kind.UNKNOWN ? Optional.of(Replies.NO_SUCH_USER) : Optional.empty();
    }
}
