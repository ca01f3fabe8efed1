package io.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.ApopDigest;
import io.mailplatform.pop3.auth.ApopTimestamps;
import io.mailplatform.pop3.server.Pop3Server;
import io.mailplatform.pop3.support.Pop3Client;
import io.mailplatform.pop3.support.Pop3Fixtures;
import io.mailplatform.pop3.support.Pop3ServerTest;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.ApopSecrets;
import io.mailplatform.store.mailbox.MessageMeta;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Logging in: APOP with live timestamps, throttling, LOGIN-DELAY, the idle timer, store outages. */
class Pop3LoginTest extends Pop3ServerTest {
    @Test
    void everyGreetingHasItsOwnTimestampWhichApopDigests() throws Exception {
        Account account = fixtures.account("apop@example.test", "login-password");
        fixtures.deliver(account, Pop3Fixtures.message("rfc1939-message-1.eml"));
        fixtures.bean(ApopSecrets.class).set(account.address(), "apop-shared-secret");
        String replayed;
        try (Pop3Client first = Pop3Client.plain(server.port("pop3")); Pop3Client second = Pop3Client.plain(server.port("pop3"))) {
            assertThat(first.greeting()).matches("\\+OK POP3 server ready <" + ProcessHandle.current().pid()
                    + "\\.\\d+\\.[0-9a-f]{24}@pop\\.example\\.test>");
            assertThat(first.timestamp()).isNotEqualTo(second.timestamp());
            replayed = ApopDigest.compute(first.timestamp(), "apop-shared-secret");
            assertThat(first.command("APOP apop@example.test " + ApopDigest.compute(first.timestamp(), "login-password")))
                    .as("the login password is not the APOP secret").isEqualTo("-ERR [AUTH] Authentication failed");
            assertThat(first.command("APOP apop@example.test " + replayed))
                    .isEqualTo("+OK apop@example.test's maildrop has 1 message (120 octets)");
            assertThat(first.command("QUIT")).startsWith("+OK");
            assertThat(second.command("APOP apop@example.test " + replayed)).as("a recorded digest does not replay")
                    .isEqualTo("-ERR [AUTH] Authentication failed");
        }
        fixtures.bean(ApopSecrets.class).clear(account.address());
        try (Pop3Client client = Pop3Client.plain(server.port("pop3"))) {
            assertThat(client.command("APOP apop@example.test " + ApopDigest.compute(client.timestamp(), "apop-shared-secret")))
                    .as("cleared secret").isEqualTo("-ERR [AUTH] Authentication failed");
        }
    }

    /**
     * Two replicas in containers: both pid 1 (here: the same process), the same host name, and
     * greetings in the same millisecond (a stopped clock). Without the nonce their timestamps were
     * equal, and a digest recorded at one replica logged in at the other.
     */
    @Test
    void instancesWithTheSameProcessIdHostNameAndClockStillNeverShareATimestamp() throws Exception {
        Account account = fixtures.account("replica@example.test", "login-password");
        fixtures.bean(ApopSecrets.class).set(account.address(), "replica-apop-secret");
        Clock stopped = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Pop3Server one = fixtures.startServer(Pop3Fixtures.settings().timestamps(ApopTimestamps.unique("pop.example.test", stopped)));
        Pop3Server other = fixtures.startServer(Pop3Fixtures.settings().timestamps(ApopTimestamps.unique("pop.example.test", stopped)));
        try (Pop3Client recorded = Pop3Client.plain(one.port("pop3")); Pop3Client replayed = Pop3Client.plain(other.port("pop3"))) {
            assertThat(recorded.timestamp()).startsWith("<" + ProcessHandle.current().pid() + "." + stopped.millis() + ".");
            assertThat(replayed.timestamp()).startsWith("<" + ProcessHandle.current().pid() + "." + stopped.millis() + ".")
                    .isNotEqualTo(recorded.timestamp());
            String digest = ApopDigest.compute(recorded.timestamp(), "replica-apop-secret");
            assertThat(replayed.command("APOP replica@example.test " + digest)).as("a digest from the other replica")
                    .isEqualTo("-ERR [AUTH] Authentication failed");
            assertThat(recorded.command("APOP replica@example.test " + digest)).startsWith("+OK ");
        }
    }

    @Test
    void failedLoginsAreAnsweredLaterAndLaterAndHoldPipelinedCommandsBack() throws Exception {
        fixtures.account("guessed@example.test", "right");
        try (Pop3Client client = Pop3Client.tls(server.port("pop3s"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(client.command("USER guessed@example.test")).startsWith("+OK");
                assertThat(client.command("PASS wrong-" + i)).isEqualTo("-ERR [AUTH] Authentication failed");
            }
            // the fourth failure is past the free ones (3 in the test configuration): 600 ms before the answer
            long start = System.nanoTime();
            client.write("USER guessed@example.test\r\nPASS wrong-4\r\nCAPA\r\n");
            assertThat(client.readLine()).startsWith("+OK");
            assertThat(client.readLine()).isEqualTo("-ERR [AUTH] Authentication failed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(client.readLine()).as("the pipelined CAPA comes after the delayed answer")
                    .isEqualTo("+OK Capability list follows");
            client.readMultiLine();
        }
    }

    @Test
    void loginDelayIsAdvertisedAndEnforcedAcrossSessions() throws Exception {
        Account account = fixtures.account("delayed@example.test", "pw");
        Pop3Server delayed = fixtures.startServer(Pop3Fixtures.settings().loginDelay(Duration.ofHours(1)));
        try (Pop3Client client = Pop3Client.tls(delayed.port("pop3s"))) {
            client.send("CAPA");
            client.readLine();
            assertThat(client.readMultiLine()).contains("LOGIN-DELAY 3600");
            client.login(account.address(), "pw");
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
        try (Pop3Client client = Pop3Client.tls(delayed.port("pop3s"))) {
            client.command("USER " + account.address());
            assertThat(client.command("PASS pw")).isEqualTo("-ERR [LOGIN-DELAY] Logged in too recently; try again later");
        }
        try (Pop3Client client = Pop3Client.tls(server.port("pop3s"))) {
            client.send("CAPA");
            client.readLine();
            assertThat(client.readMultiLine()).as("not configured: not advertised").noneMatch(l -> l.startsWith("LOGIN-DELAY"));
        }
    }

    @Test
    void anIdleSessionIsLoggedOutWithoutTheUpdateState() throws Exception {
        Account account = fixtures.account("idle@example.test", "pw");
        fixtures.deliver(account, Pop3Fixtures.message("rfc1939-message-1.eml"));
        Pop3Server impatient = fixtures.startServer(Pop3Fixtures.settings().idleTimeout(Duration.ofMillis(700)));
        try (Pop3Client client = Pop3Client.tls(impatient.port("pop3s"))) {
            client.login(account.address(), "pw");
            assertThat(client.command("DELE 1")).startsWith("+OK");
            assertThat(client.readLine()).isEqualTo("-ERR Autologout; idle for too long");
            assertThat(client.isClosedByServer()).isTrue();
        }
        assertThat(fixtures.mailboxes().messages(fixtures.inbox(account))).extracting(MessageMeta::uid).containsExactly(1L);
    }

    @Test
    void aStoreOutageIsATemporaryErrorAndTheSessionGoesOn() throws Exception {
        Account account = fixtures.account("outage@example.test", "pw");
        // this instance's maildrop locks live in a database that cannot be reached
        JdbcClient unreachable = JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2"));
        Pop3Server broken = fixtures.startServer(Pop3Fixtures.settings().lockJdbc(unreachable));
        try (Pop3Client client = Pop3Client.tls(broken.port("pop3s"))) {
            client.command("USER " + account.address());
            assertThat(client.command("PASS pw")).isEqualTo("-ERR [SYS/TEMP] Internal error, try again later");
            assertThat(client.command("CAPA")).isEqualTo("+OK Capability list follows");
            client.readMultiLine();
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void randomLinesGetErrorsAndTheSessionGoesOn() throws Exception {
        Account account = fixtures.account("fuzz@example.test", "pw");
        fixtures.deliver(account, Pop3Fixtures.message("rfc1939-message-1.eml"));
        long seed = System.nanoTime();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        try (Pop3Client client = Pop3Client.tls(server.port("pop3s"))) {
            for (int state = 0; state < 2; state++) {
                if (state == 1) {
                    client.login(account.address(), "pw");
                }
                for (int i = 0; i < 150; i++) {
                    StringBuilder line = new StringBuilder();
                    int length = random.nextInt(3) == 0 ? 1000 + random.nextInt(200) : random.nextInt(30);
                    for (int j = 0; j < length; j++) {
                        char c = (char) (random.nextBoolean() ? 32 + random.nextInt(95) : 1 + random.nextInt(255));
                        line.append(c == '\r' || c == '\n' ? ' ' : c);
                    }
                    String answer = client.command(line.toString());
                    assertThat(answer).as("seed %d, line %d", seed, i).startsWith("-ERR");
                }
                assertThat(client.command(state == 0 ? "CAPA" : "NOOP")).as("seed %d", seed).startsWith("+OK");
                if (state == 0) {
                    client.readMultiLine();
                }
            }
            assertThat(client.command("STAT")).isEqualTo("+OK 1 120");
            assertThat(client.command("QUIT")).startsWith("+OK");
        }
        assertThat(fixtures.mailboxes().messages(fixtures.inbox(account))).hasSize(1);
    }
}
