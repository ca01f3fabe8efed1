package io.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.pop3.support.Pop3Client;
import io.mailplatform.pop3.support.Pop3Fixtures;
import io.mailplatform.pop3.support.Pop3ServerTest;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.GatedPasswordEncoder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * USER/PASS through the shared login throttle, over real sockets: every spelling of an account
 * counts on one counter (the test context allows three failures per account, then delays), and an
 * attempt beyond the in-flight cap is {@code -ERR [SYS/TEMP]} (RFC 3206 §4), not an [AUTH] failure.
 */
class Pop3LoginThrottleTest extends Pop3ServerTest {

    @Test
    void everySpellingOfTheAccountCountsOnItsOneCounter() throws Exception {
        fixtures.account("spelt@example.test", "right");
        try (Pop3Client client = Pop3Client.tls(server.port("pop3s"))) {
            for (String spelling : List.of("\"spelt\"@example.test", "spelt@example\uFF0Etest", "SPELT@EXAMPLE.TEST")) {
                assertThat(client.command("USER " + spelling)).startsWith("+OK");
                assertThat(client.command("PASS wrong")).as(spelling).isEqualTo("-ERR [AUTH] Authentication failed");
            }
            // the fourth failure, under yet another spelling, is past the three free ones: 600 ms
            assertThat(client.command("USER \"\\s\\p\\e\\l\\t\"@example.test")).startsWith("+OK");
            long start = System.nanoTime();
            assertThat(client.command("PASS wrong")).isEqualTo("-ERR [AUTH] Authentication failed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(fixtures.bean(LoginThrottle.class).failures("spelt@example.test")).isEqualTo(4);

            assertThat(client.command("USER spelt@example\u3002test")).startsWith("+OK");
            assertThat(client.command("PASS right")).startsWith("+OK spelt@example.test's maildrop");
        }
    }

    @Test
    void attemptsBeyondTheInFlightCapAreATemporaryFailure() throws Exception {
        fixtures.account("capped@example.test", "right");
        GatedPasswordEncoder passwords = new GatedPasswordEncoder(fixtures.bean(PasswordEncoder.class));
        Authenticator authenticator = new Authenticator(fixtures.bean(DirectoryService.class), passwords,
                fixtures.bean(StoreProperties.class),
                new LoginThrottle(LoginThrottle.Policy.DEFAULTS.withMaxConcurrent(1, 16)));
        Pop3Server capped = fixtures.startServer(Pop3Fixtures.settings().authenticator(authenticator));
        try (Pop3Client held = Pop3Client.tls(capped.port("pop3s")); Pop3Client second = Pop3Client.tls(capped.port("pop3s"))) {
            assertThat(held.command("USER capped@example.test")).startsWith("+OK");
            held.send("PASS " + GatedPasswordEncoder.GATED + "guess");
            passwords.awaitHeld(1);
            assertThat(second.command("USER Capped@Example.Test")).startsWith("+OK");
            assertThat(second.command("PASS right"))
                    .isEqualTo("-ERR [SYS/TEMP] Too many login attempts in progress; try again later");
            passwords.open();
            assertThat(held.readLine()).isEqualTo("-ERR [AUTH] Authentication failed");
            assertThat(second.command("USER capped@example.test")).startsWith("+OK");
            assertThat(second.command("PASS right")).startsWith("+OK capped@example.test's maildrop");
        } finally {
            passwords.open();
        }
    }
}
