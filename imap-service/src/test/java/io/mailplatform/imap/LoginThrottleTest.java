package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.imap.command.AuthCommands;
import io.mailplatform.imap.config.ImapProperties;
import io.mailplatform.imap.process.AuthenticationProcessor;
import io.mailplatform.imap.process.Capabilities;
import io.mailplatform.imap.process.CommandProcessor;
import io.mailplatform.imap.process.Outcome;
import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.Responder;
import io.mailplatform.imap.session.SessionContext;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.directory.Authenticator;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Failed logins are throttled: LOGIN answers only after the delay the shared login throttle asks
 * for (the session waits it on the event loop, holding back later commands). The shared test
 * context runs without throttling, so this builds a throttled authenticator of its own.
 */
class LoginThrottleTest extends ImapTestSupport {
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    StoreProperties storeProperties;
    @Autowired
    ImapProperties imapProperties;
    @Autowired
    Capabilities capabilities;

    @SuppressWarnings("unchecked")
    @Test
    void failedLoginsAreAnsweredLaterAndLater() throws Exception {
        account("throttled");
        LoginThrottle throttle = new LoginThrottle(1, 100, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMinutes(5));
        Authenticator authenticator = new Authenticator(directory, passwords, storeProperties, throttle);
        AuthenticationProcessor processor = new AuthenticationProcessor(authenticator, imapProperties, capabilities);
        CommandProcessor.Handler<AuthCommands.Login>[] login = new CommandProcessor.Handler[1];
        processor.register(new CommandProcessor.Handlers() {
            @Override
            public <C extends io.mailplatform.imap.command.ImapCommand> void on(Class<C> type, CommandProcessor.Handler<C> h) {
                if (type == AuthCommands.Login.class) {
                    login[0] = (CommandProcessor.Handler<AuthCommands.Login>) h;
                }
            }
        });
        Responder out = new Responder() {
            @Override
            public void untagged(ImapResponse response) {
            }

            @Override
            public void flush() {
            }

            @Override
            public boolean congested() {
                return false;
            }
        };
        InetAddress client = InetAddress.getByName("192.0.2.7");
        Duration[] delays = new Duration[4];
        for (int i = 0; i < 4; i++) {
            Outcome outcome = login[0].handle(new AuthCommands.Login("t" + i, "throttled@" + DOMAIN, "wrong"),
                    new SessionContext(client, true), out);
            assertThat(((Outcome.Done) outcome).tagged().condition()).isEqualTo(ImapResponse.Condition.NO);
            delays[i] = ((Outcome.Done) outcome).delay();
        }
        assertThat(delays[0]).isZero();
        assertThat(delays[1]).isEqualTo(Duration.ofMillis(200));
        assertThat(delays[2]).isEqualTo(Duration.ofMillis(400));
        assertThat(delays[3]).isEqualTo(Duration.ofMillis(800));
        // the right password is accepted, but not answered sooner than the throttle allows
        SessionContext session = new SessionContext(client, true);
        Outcome success = login[0].handle(new AuthCommands.Login("ok", "throttled@" + DOMAIN, PASSWORD), session, out);
        assertThat(((Outcome.Done) success).tagged().condition()).isEqualTo(ImapResponse.Condition.OK);
        assertThat(((Outcome.Done) success).delay()).isEqualTo(Duration.ofMillis(800));
    }
}
