package io.mailplatform.webmail.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Failed HTTP Basic logins are throttled like the mail protocols': 429 with Retry-After, unchecked.
 * Served over plain HTTP to a loopback client, which is trusted by default (a client on the same machine).
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "mail.http.plain=true", "mail.store.login-throttle.free-failures-per-account=2",
                "mail.store.login-throttle.free-failures-per-address=1000", "mail.store.login-throttle.base-delay=1s",
                "mail.store.login-throttle.max-delay=1s"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginThrottleApiTest {
    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("throttle.test");
        directory.createAccount("carol@throttle.test", "right-password");
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        return ApiClient.plain(port).call("GET", path, null, user, password);
    }

    @Test
    void afterTheFreeFailuresAttemptsAreRefusedUncheckedUntilTheDelayHasPassed() throws Exception {
        String inbox = "/api/mailboxes/INBOX/messages";
        for (int i = 0; i < 3; i++) {
            assertThat(get(inbox, "carol@throttle.test", "wrong").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = get(inbox, "carol@throttle.test", "right-password");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"status\":429");

        Thread.sleep(1_100);
        assertThat(get(inbox, "carol@throttle.test", "right-password").statusCode()).isEqualTo(200);
        // the success cleared the record
        assertThat(get(inbox, "carol@throttle.test", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void guessingTheAdministratorPasswordIsThrottledToo() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/admin/domains", "admin", "guess" + i).statusCode()).isEqualTo(401);
        }
        assertThat(get("/api/admin/domains", "admin", "admin-secret").statusCode()).isEqualTo(429);
    }
}
