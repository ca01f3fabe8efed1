package io.mailplatform.smtp.session;

import io.mailplatform.core.auth.LoginAttempt;
import io.mailplatform.core.sasl.Credentials;
import io.mailplatform.core.sasl.SaslException;
import io.mailplatform.core.sasl.SaslServerExchange;
import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.ehlo.EhloExtension;
import io.mailplatform.store.directory.PermittedSenders;
import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.store.directory.SenderIdentities;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpException;
import io.mailplatform.smtp.reply.SmtpReply;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.Authenticator;
import java.util.List;

/**
 * AUTH (RFC 4954) with PLAIN and LOGIN, initial responses included, through the shared
 * {@link SaslServerExchange}: a malformed response, an empty user name included (RFC 4616 §2
 * {@code authcid = 1*SAFE}), is {@code 501 5.5.2} (§4). Only over TLS unless
 * {@code mail.smtp.allow-plaintext-auth} (AUTH is then not even offered, §4). The password check
 * runs off the event loop; a failure's answer waits out the login throttle's delay (per client network and
 * account), and an attempt the throttle does not admit (too many in flight) is {@code 454 4.7.0}.
 */
final class AuthProcessor implements CommandProcessor<SmtpCommand.Auth>, EhloExtension {
    private final Authenticator authenticator;
    /** Set when MAIL FROM must be an address of the account (mail.smtp.sender-must-match-login). */
    private final RecipientDirectory senders;
    private final PermittedSenders permitted;

    AuthProcessor(Authenticator authenticator, RecipientDirectory senders, PermittedSenders permitted) {
        this.authenticator = authenticator;
        this.senders = senders;
        this.permitted = permitted;
    }

    @Override
    public List<String> keywords(EhloContext context) {
        return context.authAllowed() && !context.authenticated() ? List.of("AUTH " + String.join(" ", SaslServerExchange.MECHANISMS)) : List.of();
    }

    @Override
    public void process(SmtpSession session, SmtpCommand.Auth command) {
        if (session.authenticatedUser() != null) {
            throw new SmtpException(Replies.ALREADY_AUTHENTICATED);
        }
        if (!session.tls() && !session.properties().allowPlaintextAuth()) {
            throw new SmtpException(Replies.ENCRYPTION_REQUIRED);
        }
        SaslServerExchange exchange = SaslServerExchange.of(SaslServerExchange.Mechanism.named(command.mechanism())
                .orElseThrow(() -> new SmtpException(Replies.UNSUPPORTED_MECHANISM)));
        try {
            step(session, exchange, exchange.begin(command.initialResponse()));
        } catch (SaslException e) {
            throw new SmtpException(Replies.AUTH_BAD_RESPONSE);
        }
    }

    /** A line of the client during the exchange (the session is in {@link SmtpState#AUTH}). */
    void response(SmtpSession session, String line) {
        SaslServerExchange exchange = session.sasl();
        session.sasl(null);
        session.state(SmtpState.GREETED);
        if (SaslServerExchange.isCancel(line)) {
            throw new SmtpException(Replies.AUTH_CANCELLED);
        }
        try {
            step(session, exchange, exchange.respond(line));
        } catch (SaslException e) {
            throw new SmtpException(Replies.AUTH_BAD_RESPONSE);
        }
    }

    private void step(SmtpSession session, SaslServerExchange exchange, SaslServerExchange.Step step) {
        if (step instanceof SaslServerExchange.Challenge challenge) {
            session.sasl(exchange);
            session.state(SmtpState.AUTH);
            session.reply(SmtpReply.of(334, null, challenge.base64()));
            return;
        }
        Credentials credentials = ((SaslServerExchange.Done) step).credentials();
        if (credentials.actsForAnother()) {
            throw new SmtpException(Replies.AUTH_FAILED); // acting for another user is not supported
        }
        session.work(() -> {
                    LoginAttempt<Account> attempt = authenticator.login(credentials.username(), credentials.password(),
                            session.client());
                    SenderIdentities identities = senders == null ? null
                            : attempt.accepted().map(account -> senders.senderIdentities(account.address(), permitted)).orElse(null);
                    return new Login(attempt, identities);
                },
                login -> {
                    if (login.attempt() instanceof LoginAttempt.Accepted<Account> accepted) {
                        session.authenticated(accepted.principal().address(), login.identities());
                        session.reply(Replies.AUTHENTICATED);
                    } else if (login.attempt() instanceof LoginAttempt.Rejected<Account> rejected) {
                        session.delayed(rejected.replyDelay(), () -> session.reply(Replies.AUTH_FAILED));
                    } else {
                        session.reply(Replies.AUTH_TEMPORARY_FAILURE); // too many attempts in flight
                    }
                });
    }

    /** @param identities the permitted senders, or null when any sender is permitted */
    private record Login(LoginAttempt<Account> attempt, SenderIdentities identities) {
    }
}
