package io.mailplatform.smtp.session;

import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.ehlo.EhloExtension;
import io.mailplatform.smtp.intake.MessageMemoryBudget;
import io.mailplatform.smtp.policy.DsnExtension;
import io.mailplatform.smtp.policy.MessageSizeLimit;
import io.mailplatform.store.directory.SenderIdentities;
import io.mailplatform.smtp.policy.SmtpUtf8Requirement;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpException;
import java.util.ArrayList;
import java.util.List;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2): starts a transaction. The null reverse path {@code <>} is accepted
 * (§4.5.5). Submission listeners require AUTH first (RFC 6409 §4.3), and TLS before that (RFC 3207);
 * where configured, an authenticated client may only send as its own addresses (RFC 6409 §6.1).
 * Announces the extensions whose parameters it takes: SIZE, 8BITMIME, SMTPUTF8, and DSN where
 * {@link DsnExtension} offers it. A SIZE= that the memory budget cannot hold now is refused at once
 * with 452 4.3.1 (RFC 1870 §6.1), before any data.
 */
final class MailProcessor implements CommandProcessor<SmtpCommand.MailFrom>, EhloExtension {
    private final MessageSizeLimit sizeLimit;
    private final MessageMemoryBudget budget;

    MailProcessor(SmtpProperties properties, MessageMemoryBudget budget) {
        this.sizeLimit = new MessageSizeLimit(properties.limits().maxMessageSize().toBytes());
        this.budget = budget;
    }

    @Override
    public List<String> keywords(EhloContext context) {
        List<String> keywords = new ArrayList<>(List.of("SIZE " + sizeLimit.maxBytes(), // RFC 1870
                "8BITMIME", // RFC 6152
                "SMTPUTF8")); // RFC 6531
        if (DsnExtension.offered(context.submission())) {
            keywords.add("DSN"); // RFC 3461
        }
        return keywords;
    }

    @Override
    public void process(SmtpSession session, SmtpCommand.MailFrom command) {
        if (session.listener().requiresAuth() && session.authenticatedUser() == null) {
            throw new SmtpException(session.tls() ? Replies.AUTH_REQUIRED : Replies.STARTTLS_FIRST);
        }
        SenderIdentities senders = session.senderIdentities();
        if (senders != null && !command.path().isNull() && !senders.owns(command.path().mailbox())) {
            throw new SmtpException(Replies.SENDER_NOT_OWNED);
        }
        DsnExtension.check(session.listener().requiresAuth(), command.parameters()).ifPresent(SmtpException::throwFor);
        SmtpUtf8Requirement.check(command.path().utf8(), command.parameters().smtpUtf8()).ifPresent(SmtpException::throwFor);
        sizeLimit.checkDeclared(command.parameters().size()).ifPresent(SmtpException::throwFor);
        if (command.parameters().size() > budget.available()) {
            throw new SmtpException(Replies.INSUFFICIENT_STORAGE); // RFC 1870 §6.1: may fit later
        }
        session.beginTransaction(new MailTransaction(command.path(), command.parameters(), budget, sizeLimit.maxBytes()));
        session.reply(Replies.SENDER_OK);
    }
}
