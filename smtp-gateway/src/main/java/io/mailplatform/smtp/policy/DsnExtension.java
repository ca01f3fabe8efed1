package io.mailplatform.smtp.policy;

import io.mailplatform.smtp.command.MailParameters;
import io.mailplatform.smtp.command.RcptParameters;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.Optional;

/**
 * Where the DSN extension (RFC 3461) is offered: only on the submission listeners, where every
 * transaction is authenticated, as Exim does by default. On the MX listener the reverse path is
 * unverified, and a notification asked for there (NOTIFY=SUCCESS, RET=FULL) would carry the message
 * to whoever the client named in MAIL FROM; without the extension its parameters are unknown
 * there: {@code 555 5.5.4} (RFC 5321 §4.1.1.11). A sending MTA then reports "relayed" itself
 * (RFC 3461 §5.2.2), and failures here still produce a (header-only) DSN.
 */
public final class DsnExtension {
    private DsnExtension() {
    }

    /** Whether EHLO offers DSN on a listener; {@code submission}: the listener requires AUTH before MAIL. */
    public static boolean offered(boolean submission) {
        return submission;
    }

    public static Optional<SmtpReply> check(boolean submission, MailParameters parameters) {
        boolean used = parameters.dsnReturn() != null || parameters.dsnEnvelopeId() != null;
        return used && !offered(submission) ? Optional.of(Replies.DSN_NOT_OFFERED) : Optional.empty();
    }

    public static Optional<SmtpReply> check(boolean submission, RcptParameters parameters) {
        boolean used = !parameters.notifyOn().isEmpty() || parameters.originalRecipient() != null;
        return used && !offered(submission) ? Optional.of(Replies.DSN_NOT_OFFERED) : Optional.empty();
    }
}
