package io.mailplatform.smtp.policy;

import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.Optional;

/**
 * RFC 6531 §3.4: a UTF-8 address may only be used in a transaction whose MAIL FROM carried the
 * SMTPUTF8 parameter; otherwise {@code 553 5.6.7}.
 */
public final class SmtpUtf8Requirement {
    private SmtpUtf8Requirement() {
    }

    public static Optional<SmtpReply> check(boolean utf8Address, boolean smtpUtf8Transaction) {
        return utf8Address && !smtpUtf8Transaction ? Optional.of(Replies.UTF8_ADDRESS_NEEDS_SMTPUTF8) : Optional.empty();
    }
}
