package io.mailplatform.imap.process;

import io.mailplatform.core.auth.LoginAttempt;
import io.mailplatform.core.sasl.Credentials;
import io.mailplatform.imap.auth.SaslPlainResponse;
import io.mailplatform.imap.command.AuthCommands;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.imap.response.ImapResponse.Status;
import io.mailplatform.imap.response.ImapSyntaxException;
import io.mailplatform.imap.response.ResponseCode;
import io.mailplatform.imap.session.ImapState;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.Authenticator;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * STARTTLS, LOGIN and AUTHENTICATE PLAIN with SASL-IR (RFC 9051 §6.2, RFC 4959, RFC 4616).
 * Without TLS, LOGINDISABLED is advertised and both LOGIN and PLAIN are refused (RFC 9051 §11.7),
 * unless {@code mail.imap.allow-plaintext-auth} is set for development. A failed login's answer waits
 * out the login throttle's delay; an attempt the throttle does not admit is {@code NO [UNAVAILABLE]}.
 */
@Component
public class AuthenticationProcessor implements CommandProcessor {
    private final Authenticator authenticator;
    private final ImapProperties properties;
    private final Capabilities capabilities;

    public AuthenticationProcessor(Authenticator authenticator, ImapProperties properties, Capabilities capabilities) {
        this.authenticator = authenticator;
        this.properties = properties;
        this.capabilities = capabilities;
    }

    @Override
    public void register(Handlers handlers) {
        handlers.on(AuthCommands.StartTls.class, (command, session, out) -> {
            if (session.tls()) {
                throw new ImapSyntaxException("TLS is already active");
            }
            return new Outcome.StartTls(Status.ok(command.tag(), "Begin TLS negotiation now"));
        });
        handlers.on(AuthCommands.Login.class, (command, session, out) -> {
            requirePrivacy(session, "LOGIN");
            return login(command.tag(), command.username(), command.password(), session, "LOGIN completed");
        });
        handlers.on(AuthCommands.Authenticate.class, (command, session, out) -> {
            if (!command.mechanism().equals("PLAIN")) {
                throw new ImapNoException("Unsupported authentication mechanism " + command.mechanism());
            }
            requirePrivacy(session, "AUTHENTICATE PLAIN");
            if (command.initialResponse() != null) {
                return plain(command.tag(), command.initialResponse(), session);
            }
            return new Outcome.Continue(command.tag(), "", (line, s, o) -> {
                if (line.equals("*")) {
                    throw new ImapSyntaxException("Authentication cancelled");
                }
                return plain(command.tag(), line, s);
            });
        });
    }

    @Override
    public void capabilities(SessionContext session, List<String> capabilities) {
        if (session.state() == ImapState.NOT_AUTHENTICATED && !session.tls()) {
            capabilities.add("STARTTLS");
        }
        if (!session.tls() && !properties.allowPlaintextAuth()) {
            capabilities.add("LOGINDISABLED");
        } else {
            capabilities.add("AUTH=PLAIN");
        }
        capabilities.add("SASL-IR");
    }

    private void requirePrivacy(SessionContext session, String what) {
        if (!session.tls() && !properties.allowPlaintextAuth()) {
            throw new ImapNoException(ResponseCode.PRIVACYREQUIRED, what + " is disabled until TLS is active (use STARTTLS)");
        }
    }

    private Outcome plain(String tag, String response, SessionContext session) {
        Credentials credentials = SaslPlainResponse.credentials(response);
        return login(tag, credentials.username(), credentials.password(), session, "AUTHENTICATE completed");
    }

    private Outcome login(String tag, String username, String password, SessionContext session, String done) {
        LoginAttempt<Account> attempt = authenticator.login(username, password, session.client());
        if (attempt instanceof LoginAttempt.Rejected<Account> rejected) {
            return new Outcome.Done(Status.no(tag, ResponseCode.AUTHENTICATIONFAILED, "Authentication failed"),
                    rejected.replyDelay());
        }
        if (attempt instanceof LoginAttempt.Refused<Account>) {
            // RFC 5530 §3: a temporary failure that is not the credentials' fault
            throw new ImapNoException(ResponseCode.UNAVAILABLE, "Too many login attempts in progress; try again later");
        }
        session.authenticated(((LoginAttempt.Accepted<Account>) attempt).principal());
        return new Outcome.Done(Status.ok(tag, ResponseCode.capability(capabilities.of(session)), done), Duration.ZERO);
    }
}
