package io.mailplatform.smtp.session;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.policy.LocalRecipientCheck;
import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.smtp.policy.RecipientLimit;
import io.mailplatform.smtp.policy.RecipientRoute;
import io.mailplatform.smtp.policy.RelayPolicy;
import io.mailplatform.smtp.policy.SmtpUtf8Requirement;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpException;
import io.mailplatform.smtp.reply.SmtpReply;
import java.util.Optional;

/**
 * RCPT TO (RFC 5321 §4.1.1.3): one decision per recipient, by the checks of the policy package in
 * order: SMTPUTF8, the recipient limit, then the directory's route (cached; looked up off the
 * event loop on a miss) for relaying and unknown local users.
 */
final class RcptProcessor implements CommandProcessor<SmtpCommand.RcptTo> {
    private final SmtpProperties properties;
    private final RecipientDirectory directory;
    private final RecipientLimit limit;

    RcptProcessor(SmtpProperties properties, RecipientDirectory directory) {
        this.properties = properties;
        this.directory = directory;
        this.limit = new RecipientLimit(properties.limits().maxRecipients());
    }

    @Override
    public void process(SmtpSession session, SmtpCommand.RcptTo command) {
        MailTransaction transaction = session.transaction();
        SmtpUtf8Requirement.check(command.path().utf8(), transaction.parameters().smtpUtf8())
                .ifPresent(SmtpException::throwFor);
        limit.check(transaction.recipients().size()).ifPresent(SmtpException::throwFor);
        MailboxAddress address = command.path().isBarePostmaster() ? postmaster() : command.path().mailbox();
        EnvelopeRecipient recipient = new EnvelopeRecipient(address.toString(), command.parameters().notifyOn(),
                command.parameters().originalRecipient());
        if (command.path().isBarePostmaster()) {
            decide(session, transaction, recipient, RecipientRoute.LOCAL); // §4.5.1: MUST be accepted
            return;
        }
        RecipientRoute cached = directory.cached(address);
        if (cached != null) {
            decide(session, transaction, recipient, cached);
        } else {
            session.work(() -> directory.lookup(address), route -> decide(session, transaction, recipient, route));
        }
    }

    private void decide(SmtpSession session, MailTransaction transaction, EnvelopeRecipient recipient, RecipientRoute route) {
        if (session.transaction() != transaction) {
            return; // the session ended meanwhile
        }
        boolean authenticated = session.authenticatedUser() != null;
        Optional<SmtpReply> refusal = RelayPolicy.check(route, authenticated).or(() -> LocalRecipientCheck.check(route));
        if (refusal.isPresent()) {
            session.reply(refusal.get());
            return;
        }
        transaction.addRecipient(recipient);
        session.state(SmtpState.RCPT);
        session.reply(Replies.RECIPIENT_OK);
    }

    /** RFC 5321 §4.1.1.3: {@code <Postmaster>} without a domain is the postmaster of this host. */
    private MailboxAddress postmaster() {
        try {
            return MailboxAddress.parse("postmaster@" + properties.hostname());
        } catch (AddressException e) {
            throw new SmtpException(Replies.BAD_RECIPIENT_SYNTAX);
        }
    }
}
