package io.mailplatform.smtp.session;

import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.policy.DsnExtension;
import io.mailplatform.smtp.policy.LocalRecipientCheck;
import io.mailplatform.smtp.policy.MembersOnlyListCheck;
import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.smtp.policy.RecipientLimit;
import io.mailplatform.smtp.policy.RelayPolicy;
import io.mailplatform.smtp.policy.SmtpUtf8Requirement;
import io.mailplatform.smtp.policy.SrsRecipientCheck;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpException;
import io.mailplatform.smtp.reply.SmtpReply;
import io.mailplatform.store.directory.RecipientLookup;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RCPT TO (RFC 5321 §4.1.1.3): one decision per recipient, by the checks of the policy package in
 * order: DSN parameters, SMTPUTF8, the recipient limit, then the directory's answer (cached; looked
 * up off the event loop on a miss) for relaying, unknown local users and members-only lists. The
 * bare {@code <Postmaster>} is the configured postmaster mailbox, accepted from anyone (§4.5.1). An
 * SRS address at a local domain is decided by its hash instead of the directory ({@link SrsRecipientCheck}).
 */
final class RcptProcessor implements CommandProcessor<SmtpCommand.RcptTo> {
    private static final Logger log = LoggerFactory.getLogger(RcptProcessor.class);

    private final RecipientDirectory directory;
    private final RecipientLimit limit;

    RcptProcessor(SmtpProperties properties, RecipientDirectory directory) {
        this.directory = directory;
        this.limit = new RecipientLimit(properties.limits().maxRecipients());
    }

    @Override
    public void process(SmtpSession session, SmtpCommand.RcptTo command) {
        MailTransaction transaction = session.transaction();
        DsnExtension.check(session.listener().requiresAuth(), command.parameters()).ifPresent(SmtpException::throwFor);
        SmtpUtf8Requirement.check(command.path().utf8(), transaction.parameters().smtpUtf8())
                .ifPresent(SmtpException::throwFor);
        limit.check(transaction.recipients().size()).ifPresent(SmtpException::throwFor);
        if (command.path().isBarePostmaster()) {
            postmaster(session, transaction, command);
            return;
        }
        MailboxAddress address = command.path().mailbox();
        EnvelopeRecipient recipient = new EnvelopeRecipient(address.toString(), command.parameters().notifyOn(),
                command.parameters().originalRecipient());
        route(session, address, found -> decide(session, transaction, address, recipient, found));
    }

    /**
     * RFC 5321 §4.5.1: {@code <Postmaster>} must be accepted, and it means a person here: the
     * configured local mailbox, never {@code postmaster@} a host name that may not be ours (which
     * would be a relay recipient). Until one is configured and deliverable, the client is asked to
     * retry rather than refused or bounced.
     */
    private void postmaster(SmtpSession session, MailTransaction transaction, SmtpCommand.RcptTo command) {
        Optional<MailboxAddress> configured = directory.postmaster();
        if (configured.isEmpty()) {
            log.warn("RCPT TO:<Postmaster> from {} deferred: mail.store.postmaster is not set", session.client());
            throw new SmtpException(Replies.POSTMASTER_UNAVAILABLE);
        }
        MailboxAddress address = configured.get();
        EnvelopeRecipient recipient = new EnvelopeRecipient(address.toString(), command.parameters().notifyOn(),
                command.parameters().originalRecipient());
        route(session, address, found -> {
            if (session.transaction() != transaction) {
                return;
            }
            if (found.kind() != RecipientLookup.Kind.DELIVERABLE) {
                log.warn("RCPT TO:<Postmaster> from {} deferred: mail.store.postmaster={} is not a deliverable local"
                        + " address ({})", session.client(), address, found.kind());
                session.reply(Replies.POSTMASTER_UNAVAILABLE);
                return;
            }
            accept(session, transaction, recipient);
        });
    }

    /** The directory's answer for an address: from the cache at once, else from the store off the event loop. */
    private void route(SmtpSession session, MailboxAddress address, Consumer<RecipientLookup> then) {
        RecipientLookup cached = directory.cached(address);
        if (cached != null) {
            then.accept(cached);
        } else {
            session.work(() -> directory.lookup(address), then);
        }
    }

    private void decide(SmtpSession session, MailTransaction transaction, MailboxAddress address,
            EnvelopeRecipient recipient, RecipientLookup found) {
        if (session.transaction() != transaction) {
            return; // the session ended meanwhile
        }
        if (found.kind() != RecipientLookup.Kind.NOT_LOCAL && address.isSrs()) {
            Optional<SmtpReply> refusal = SrsRecipientCheck.check(directory.reverseSrs(address),
                    transaction.reversePath().isNull());
            if (refusal.isPresent()) {
                session.reply(refusal.get());
            } else {
                accept(session, transaction, recipient);
            }
            return;
        }
        boolean authenticated = session.authenticatedUser() != null;
        Optional<SmtpReply> refusal = RelayPolicy.check(found, authenticated).or(() -> LocalRecipientCheck.check(found));
        if (refusal.isPresent()) {
            session.reply(refusal.get());
            return;
        }
        if (found.kind() == RecipientLookup.Kind.MEMBERS_ONLY_LIST) {
            // the sender is known at RCPT: refuse here rather than accept and bounce later
            session.work(() -> directory.admits(found.list(), transaction.reversePath().mailbox(), session.authenticatedUser()),
                    member -> {
                        if (session.transaction() != transaction) {
                            return;
                        }
                        Optional<SmtpReply> notMember = MembersOnlyListCheck.check(member);
                        if (notMember.isPresent()) {
                            session.reply(notMember.get());
                        } else {
                            accept(session, transaction, recipient);
                        }
                    });
            return;
        }
        accept(session, transaction, recipient);
    }

    private static void accept(SmtpSession session, MailTransaction transaction, EnvelopeRecipient recipient) {
        transaction.addRecipient(recipient);
        session.state(SmtpState.RCPT);
        session.reply(Replies.RECIPIENT_OK);
    }
}
