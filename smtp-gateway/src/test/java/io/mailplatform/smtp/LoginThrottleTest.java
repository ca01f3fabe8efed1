package io.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.core.sasl.SaslPlain;
import io.mailplatform.server.net.ProxyProtocolSettings;
import io.mailplatform.smtp.config.SmtpProperties;
import io.mailplatform.smtp.server.SmtpServer;
import io.mailplatform.store.config.StoreProperties;
import io.mailplatform.store.directory.Authenticator;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.GatedPasswordEncoder;
import io.mailplatform.testsupport.LineClient;
import io.mailplatform.testsupport.Transcript;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * AUTH through the shared login throttle, over real sockets: every spelling of an account counts
 * on one counter, IPv6 clients (here behind a PROXY-protocol balancer) count per /64, attempts
 * beyond the in-flight cap are {@code 454 4.7.0} (RFC 4954 §6), and unknown accounts cost a hash
 * check like known ones.
 */
class LoginThrottleTest extends GatewayTestBase {

    private LineClient submission(SmtpServer target) throws IOException {
        LineClient client = LineClient.connectTls("127.0.0.1", target.port("submissions"), Transcript.trustAll());
        assertThat(client.readLine()).startsWith("220 ");
        client.send("EHLO client.example.org");
        client.readSmtpReply();
        return client;
    }

    private static String auth(LineClient client, String user, String password) throws IOException {
        client.send("AUTH PLAIN " + SaslPlain.encode(user, password));
        return client.readLine();
    }

    private Authenticator authenticator(PasswordEncoder passwords, LoginThrottle throttle) {
        return new Authenticator(context.getBean(DirectoryService.class), passwords, context.getBean(StoreProperties.class),
                throttle);
    }

    private SmtpServer start(Authenticator authenticator, ProxyProtocolSettings proxy) {
        return TestServers.start(context, TestServers.properties(
                TestServers.limits(100, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)), proxy), authenticator);
    }

    @Test
    void everySpellingOfTheAccountCountsOnItsOneCounter() throws Exception {
        context.getBean(DirectoryService.class).createAccount("spelt@example.test", TestDirectory.PASSWORD);
        try (LineClient client = submission(server)) {
            for (String spelling : List.of("\"spelt\"@example.test", "spelt@example\uFF0Etest", "SPELT@EXAMPLE.TEST",
                    "\"\\s\\p\\e\\l\\t\"@example.test")) {
                assertThat(auth(client, spelling, "wrong")).as(spelling).startsWith("535 5.7.8 ");
            }
            assertThat(context.getBean(LoginThrottle.class).failures("spelt@example.test")).isEqualTo(4);
            assertThat(auth(client, "\"spelt\"@example\u3002test", TestDirectory.PASSWORD)).startsWith("235 ");
        }
    }

    @Test
    void ipv6ClientsCountPerSlash64() throws Exception {
        LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.DEFAULTS.withDelays(Duration.ZERO, Duration.ZERO,
                Duration.ZERO));
        SmtpServer proxied = start(authenticator(context.getBean(PasswordEncoder.class), throttle),
                new ProxyProtocolSettings(List.of("submissions"), List.of("127.0.0.0/8"), Duration.ofSeconds(5)));
        try {
            for (String source : List.of("2001:db8:5:5::a", "2001:db8:5:5:ffff::b", "2001:db8:5:6::a")) {
                try (LineClient client = new LineClient("127.0.0.1", proxied.port("submissions"))) {
                    client.write("PROXY TCP6 " + source + " 2001:db8::25 40000 465\r\n");
                    client.startTls(Transcript.trustAll());
                    assertThat(client.readLine()).startsWith("220 ");
                    client.send("EHLO client.example.org");
                    client.readSmtpReply();
                    assertThat(auth(client, TestDirectory.BOB, "wrong")).startsWith("535 ");
                }
            }
            assertThat(throttle.failuresFrom(InetAddress.getByName("2001:db8:5:5::1"))).isEqualTo(2);
            assertThat(throttle.failuresFrom(InetAddress.getByName("2001:db8:5:6::ffff"))).isEqualTo(1);
        } finally {
            proxied.stop();
        }
    }

    @Test
    void attemptsBeyondTheInFlightCapAreATemporaryFailure() throws Exception {
        GatedPasswordEncoder passwords = new GatedPasswordEncoder(context.getBean(PasswordEncoder.class));
        LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.DEFAULTS.withMaxConcurrent(1, 2));
        SmtpServer capped = start(authenticator(passwords, throttle), TestServers.noProxy());
        try (LineClient held = submission(capped); LineClient second = submission(capped);
                LineClient third = submission(capped)) {
            held.send("AUTH PLAIN " + SaslPlain.encode(TestDirectory.ALICE, GatedPasswordEncoder.GATED + "guess"));
            passwords.awaitHeld(1);
            assertThat(auth(second, "ALICE@example.test", TestDirectory.PASSWORD)).as("same account")
                    .isEqualTo("454 4.7.0 Temporary authentication failure, try again later");
            held.write("NOOP\r\n"); // answered after the AUTH, in order
            second.send("AUTH PLAIN " + SaslPlain.encode(TestDirectory.BOB, GatedPasswordEncoder.GATED + "guess"));
            passwords.awaitHeld(1);
            assertThat(auth(third, "postmaster@example.test", TestDirectory.PASSWORD)).as("same client address")
                    .startsWith("454 4.7.0 ");
            passwords.open();
            assertThat(held.readLine()).startsWith("535 5.7.8 ");
            assertThat(held.readLine()).startsWith("250 ");
            assertThat(second.readLine()).startsWith("535 5.7.8 ");
            assertThat(auth(third, "postmaster@example.test", TestDirectory.PASSWORD)).startsWith("235 ");
        } finally {
            passwords.open();
            capped.stop();
        }
    }

    @Test
    void unknownAccountsCostAPasswordCheckLikeKnownOnes() throws Exception {
        GatedPasswordEncoder passwords = new GatedPasswordEncoder(context.getBean(PasswordEncoder.class));
        SmtpServer counted = start(authenticator(passwords, new LoginThrottle(LoginThrottle.Policy.DEFAULTS)),
                TestServers.noProxy());
        try (LineClient client = submission(counted)) {
            for (String user : List.of(TestDirectory.BOB, "nobody@example.test", "nobody@nowhere.example")) {
                int before = passwords.checks();
                assertThat(auth(client, user, "wrong")).as(user).startsWith("535 5.7.8 ");
                assertThat(passwords.checks() - before).as(user).isEqualTo(1);
            }
        } finally {
            counted.stop();
        }
    }
}
