package io.mailplatform.webmail.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.auth.LoginThrottle;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.GatedPasswordEncoder;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * HTTP Basic logins go through the mail protocols' login throttle: keyed by the canonical account
 * and the client network (the API runs behind a proxy here, so each test has client addresses of
 * its own), counted atomically when admitted, refused with 429 and Retry-After while the client
 * network's delay runs or too many attempts are in flight, and never locking out the right password.
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "server.forward-headers-strategy=native",
                "mail.store.login-throttle.free-failures-per-account=2",
                "mail.store.login-throttle.free-failures-per-address=3", "mail.store.login-throttle.base-delay=1m",
                "mail.store.login-throttle.max-delay=1m", "mail.store.login-throttle.max-account-delay=1m"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleApiTest {
    private static final String INBOX = "/api/mailboxes/INBOX/messages";

    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;
    @Autowired
    LoginThrottle throttle;
    @Autowired
    GatedPasswordEncoder passwords;

    @TestConfiguration
    static class ObservedPasswords {
        @Bean
        @Primary
        GatedPasswordEncoder gatedPasswordEncoder() {
            return new GatedPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        }
    }

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("throttle.test");
        for (String user : new String[] {"carol", "dave", "erin", "frank"}) {
            directory.createAccount(user + "@throttle.test", "right-password");
        }
    }

    private HttpResponse<String> get(String from, String path, String user, String password) throws Exception {
        return new ApiClient(port, from).call("GET", path, null, user, password);
    }

    @Test
    void everySpellingOfTheAccountCountsOnItsOneCounter() throws Exception {
        String[] spellings = {"\"carol\"@throttle.test", "carol@throttle\uFF0Etest", "CAROL@THROTTLE.TEST",
                "\"\\c\\a\\r\\o\\l\"@throttle.test"};
        for (int i = 0; i < spellings.length; i++) {
            assertThat(get("192.0.2." + (10 + i), INBOX, spellings[i], "wrong").statusCode()).isEqualTo(401);
        }
        assertThat(throttle.failures("carol@throttle.test")).isEqualTo(4);
        assertThat(get("192.0.2.19", INBOX, "\"carol\"@throttle.test", "right-password").statusCode())
                .as("the spellings log in too").isEqualTo(200);
    }

    @Test
    void aNetworkWhoseDelayRunsIsRefusedUncheckedWithRetryAfter() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(get("198.51.100.20", INBOX, "nobody" + i + "@throttle.test", "wrong").statusCode()).isEqualTo(401);
        }
        int checks = passwords.checks();
        HttpResponse<String> refused = get("198.51.100.20", INBOX, "dave@throttle.test", "right-password");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After").map(Integer::parseInt)).hasValueSatisfying(
                seconds -> assertThat(seconds).isBetween(1, 60));
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"status\":429");
        assertThat(passwords.checks()).as("refused unchecked").isEqualTo(checks);
        assertThat(get("198.51.100.21", INBOX, "dave@throttle.test", "right-password").statusCode())
                .as("another client").isEqualTo(200);
    }

    @Test
    void theAddressesOfOneIpv6Slash64AreOneClientNetwork() throws Exception {
        for (int i = 1; i <= 4; i++) {
            assertThat(get("2001:db8:7:7::" + i, INBOX, "v6-" + i + "@throttle.test", "wrong").statusCode()).isEqualTo(401);
        }
        assertThat(get("2001:db8:7:7:ffff::99", INBOX, "erin@throttle.test", "right-password").statusCode()).isEqualTo(429);
        assertThat(get("2001:db8:7:8::1", INBOX, "erin@throttle.test", "right-password").statusCode()).isEqualTo(200);
    }

    @Test
    void parallelFailuresAreAllCountedSoNoMoreThanTheFreeOnesAreChecked() throws Exception {
        ApiClient client = new ApiClient(port, "198.51.100.30");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String user = "parallel" + i + "@throttle.test";
                responses.add(pool.submit(() -> client.call("GET", INBOX, null, user, "wrong")));
            }
            int unauthorized = 0;
            int throttled = 0;
            for (Future<HttpResponse<String>> response : responses) {
                int status = response.get(60, TimeUnit.SECONDS).statusCode();
                unauthorized += status == 401 ? 1 : 0;
                throttled += status == 429 ? 1 : 0;
            }
            // three free failures, and the fourth that starts the delay; the rest never reach a password check
            assertThat(unauthorized).isEqualTo(4);
            assertThat(throttled).isEqualTo(16);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTrickleOfGuessesFromManyNetworksDoesNotLockTheRightPasswordOut() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertThat(get("203.0.113." + (40 + i), INBOX, "frank@throttle.test", "guess" + i).statusCode()).isEqualTo(401);
        }
        assertThat(get("203.0.113.99", INBOX, "frank@throttle.test", "right-password").statusCode()).isEqualTo(200);
        assertThat(throttle.failures("frank@throttle.test")).as("the success cleared the account's count").isZero();
    }

    @Test
    void attemptsInFlightForOneAccountAreCapped() throws Exception {
        int cap = throttle.policy().maxConcurrentPerAccount();
        ExecutorService pool = Executors.newFixedThreadPool(cap);
        try {
            List<Future<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < cap; i++) {
                String from = "192.0.2." + (100 + i);
                String guess = GatedPasswordEncoder.GATED + "guess-" + i; // identical attempts would share one check
                held.add(pool.submit(() -> get(from, INBOX, "held@throttle.test", guess)));
            }
            passwords.awaitHeld(cap);
            HttpResponse<String> refused = get("192.0.2.150", INBOX, "held@throttle.test", "anything");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            passwords.open();
            for (Future<HttpResponse<String>> response : held) {
                assertThat(response.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
            }
        } finally {
            passwords.open();
            pool.shutdownNow();
        }
    }

    @Test
    void unknownAccountsCostAPasswordCheckToo() throws Exception {
        int before = passwords.checks();
        assertThat(get("192.0.2.200", INBOX, "no-such-user@throttle.test", "whatever").statusCode()).isEqualTo(401);
        assertThat(passwords.checks() - before).isEqualTo(1);
    }

    @Test
    void guessingTheAdministratorPasswordIsThrottledToo() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(get("198.51.100.50", "/api/admin/domains", "admin", "guess" + i).statusCode()).isEqualTo(401);
        }
        assertThat(get("198.51.100.50", "/api/admin/domains", "admin", "admin-secret").statusCode()).isEqualTo(429);
    }
}
