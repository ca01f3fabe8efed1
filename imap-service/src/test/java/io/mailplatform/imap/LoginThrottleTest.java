package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.imap.idle.MailboxEventHub;
import io.mailplatform.imap.process.CommandDispatcher;
import io.mailplatform.imap.server.ImapServer;
import io.mailplatform.server.tls.TlsBundles;
import io.mailplatform.store.mailbox.MessageIndex;
import io.mailplatform.testsupport.GatedPasswordEncoder;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Failed logins are throttled: LOGIN answers only after the delay the shared login throttle asks
 * for (the session waits it on the event loop, holding back later commands); every spelling of an
 * account counts on its one counter; an attempt beyond the in-flight cap is {@code NO [UNAVAILABLE]}.
 * The shared test context runs without delays, so delays and caps are tested with a throttle of their own.
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
    @Autowired
    LoginThrottle throttle;
    @Autowired
    ApplicationContext context;

    @SuppressWarnings("unchecked")
    @Test
    void failedLoginsAreAnsweredLaterAndLater() throws Exception {
        account("throttled");
        LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.DEFAULTS.withFreeFailures(1, 100)
                .withDelays(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(5)));
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
        // the right password is accepted and answered at once: guesses never slow its owner down
        SessionContext session = new SessionContext(client, true);
        Outcome success = login[0].handle(new AuthCommands.Login("ok", "throttled@" + DOMAIN, PASSWORD), session, out);
        assertThat(((Outcome.Done) success).tagged().condition()).isEqualTo(ImapResponse.Condition.OK);
        assertThat(((Outcome.Done) success).delay()).isZero();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** STARTTLS done; LOGIN sent with the name as a synchronizing literal (it may be UTF-8). */
    private static void sendLogin(LineClient client, String tag, String name, String password) throws Exception {
        byte[] octets = name.getBytes(StandardCharsets.UTF_8);
        client.send(tag + " LOGIN {" + octets.length + "}");
        assertThat(client.readLine()).startsWith("+");
        client.write(octets);
        client.send(" " + quoted(password));
    }

    private static String login(LineClient client, String tag, String name, String password) throws Exception {
        sendLogin(client, tag, name, password);
        return client.readUntil(line -> line.startsWith(tag + " ")).get(0);
    }

    private static LineClient startTls(int port) throws Exception {
        LineClient client = new LineClient("127.0.0.1", port);
        client.readLine();
        client.send("s STARTTLS");
        client.readUntil(line -> line.startsWith("s "));
        client.startTls(Transcript.trustAll());
        return client;
    }

    @Test
    void everySpellingOfTheAccountCountsOnItsOneCounter() throws Exception {
        account("spelt");
        try (LineClient client = startTls(port())) {
            String[] spellings = {"\"spelt\"@example.test", "spelt@example\uFF0Etest", "SPELT@EXAMPLE.TEST",
                    "\"\\s\\p\\e\\l\\t\"@example.test"};
            for (int i = 0; i < spellings.length; i++) {
                assertThat(login(client, "f" + i, spellings[i], "wrong")).as(spellings[i])
                        .startsWith("f" + i + " NO [AUTHENTICATIONFAILED]");
            }
            assertThat(throttle.failures("spelt@example.test")).isEqualTo(4);
            assertThat(login(client, "ok", "\"spelt\"@example\u3002test", PASSWORD)).startsWith("ok OK");
        }
    }

    @Test
    void attemptsBeyondTheInFlightCapAreUnavailable() throws Exception {
        account("capped");
        GatedPasswordEncoder gated = new GatedPasswordEncoder(passwords);
        Authenticator authenticator = new Authenticator(directory, gated, storeProperties,
                new LoginThrottle(LoginThrottle.Policy.DEFAULTS.withMaxConcurrent(1, 16)));
        List<CommandProcessor> processors = context.getBeanProvider(CommandProcessor.class).orderedStream()
                .map(p -> p instanceof AuthenticationProcessor
                        ? new AuthenticationProcessor(authenticator, imapProperties, capabilities) : p)
                .toList();
        ImapServer capped = new ImapServer(imapProperties, context.getBean(TlsBundles.class),
                new CommandDispatcher(processors, context.getBean(MessageIndex.class),
                        context.getBean(io.mailplatform.imap.process.SelectedRights.class)), capabilities,
                context.getBean(MailboxEventHub.class));
        capped.start();
        try (LineClient held = startTls(capped.port("imap")); LineClient second = startTls(capped.port("imap"))) {
            sendLogin(held, "h", "capped@" + DOMAIN, GatedPasswordEncoder.GATED + "guess");
            gated.awaitHeld(1);
            assertThat(login(second, "a", "Capped@" + DOMAIN, PASSWORD))
                    .isEqualTo("a NO [UNAVAILABLE] Too many login attempts in progress; try again later");
            gated.open();
            assertThat(held.readUntil(line -> line.startsWith("h ")).get(0)).startsWith("h NO [AUTHENTICATIONFAILED]");
            assertThat(login(second, "b", "capped@" + DOMAIN, PASSWORD)).startsWith("b OK");
        } finally {
            gated.open();
            capped.stop();
        }
    }
}
