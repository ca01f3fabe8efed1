package io.mailplatform.pop3.process;

import io.mailplatform.core.sasl.Credentials;
import io.mailplatform.core.sasl.SaslException;
import io.mailplatform.core.sasl.SaslServerExchange;
import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.ContinuationResponse;
import io.mailplatform.pop3.response.MultiLineResponse;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Replies;
import io.mailplatform.pop3.response.StatusResponse;
import io.mailplatform.pop3.session.Pop3Context;
import io.mailplatform.pop3.session.Pop3State;
import io.mailplatform.store.directory.Authenticator;
import java.net.InetAddress;
import java.util.List;

/**
 * AUTH mechanism [initial-response] (RFC 5034 §4) with PLAIN and LOGIN: challenges go out as
 * {@code + base64}, the client's {@code *} cancels. Plain {@code AUTH} lists the mechanisms, which
 * some clients ask for before CAPA existed. Needs TLS unless allowed.
 */
public final class AuthProcessor implements Pop3Processor<Pop3Command.Auth>, CapabilityContributor {
    private final Authenticator authenticator;
    private final MaildropLogin login;

    AuthProcessor(Authenticator authenticator, MaildropLogin login) {
        this.authenticator = authenticator;
        this.login = login;
    }

    @Override
    public Class<Pop3Command.Auth> commandType() {
        return Pop3Command.Auth.class;
    }

    @Override
    public void process(Pop3Command.Auth command, Pop3Context session) throws Pop3Exception {
        if (!session.plaintextAuthAllowed()) {
            throw new Pop3Exception(Replies.PLAINTEXT_DISALLOWED);
        }
        if (command.mechanism() == null) {
            session.reply(new MultiLineResponse(Replies.MECHANISMS, SaslServerExchange.MECHANISMS));
            return;
        }
        SaslServerExchange exchange = SaslServerExchange.of(SaslServerExchange.Mechanism.named(command.mechanism())
                .orElseThrow(() -> new Pop3Exception(Replies.UNSUPPORTED_MECHANISM)));
        try {
            next(session, exchange, exchange.begin(command.initialResponse()));
        } catch (SaslException e) {
            throw invalid(e);
        }
    }

    private void next(Pop3Context session, SaslServerExchange exchange, SaslServerExchange.Step step)
            throws Pop3Exception {
        if (step instanceof SaslServerExchange.Challenge challenge) {
            session.reply(new ContinuationResponse(challenge.base64()));
            session.expectContinuation(line -> respond(session, exchange, line));
            return;
        }
        Credentials credentials = ((SaslServerExchange.Done) step).credentials();
        // RFC 4616 §2: an authorization identity other than the login's would mean acting as someone else
        if (credentials.actsForAnother()) {
            throw new Pop3Exception(Replies.AUTHZID_REFUSED);
        }
        InetAddress client = session.clientAddress();
        login.login(session, () -> authenticator.login(credentials.username(), credentials.password(), client));
    }

    private void respond(Pop3Context session, SaslServerExchange exchange, String line) throws Pop3Exception {
        // RFC 5034 §4: "*" cancels the exchange and the server answers -ERR
        if (SaslServerExchange.isCancel(line)) {
            throw new Pop3Exception(Replies.AUTH_CANCELLED);
        }
        try {
            next(session, exchange, exchange.respond(line));
        } catch (SaslException e) {
            throw invalid(e);
        }
    }

    private static Pop3Exception invalid(SaslException e) {
        return new Pop3Exception(StatusResponse.err("Invalid SASL response: " + e.getMessage()));
    }

    /** RFC 2449 §6.3; hidden until STLS unless plaintext logins are allowed. */
    @Override
    public List<String> capabilities(Pop3Context session) {
        return session.state() == Pop3State.AUTHORIZATION && session.plaintextAuthAllowed()
                ? List.of("SASL " + String.join(" ", SaslServerExchange.MECHANISMS)) : List.of();
    }
}
