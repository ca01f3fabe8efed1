package io.mailplatform.webmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.DatabaseOutage;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.support.ApiClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * While the database cannot be reached, requests get an RFC 9457 problem with 503 (try again),
 * whether the store fails while checking the login or while serving the request; afterwards the
 * API works again. (Same configuration as the admin API tests: one shared context.)
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "spring.kafka.admin.auto-create=false",
                "spring.kafka.bootstrap-servers=127.0.0.1:1", "spring.datasource.hikari.connection-timeout=1000"})
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreOutageApiTest {
    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;
    @Autowired
    DataSource dataSource;

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("outage.test");
        directory.createAccount("known@outage.test", "known-password");
        directory.createAccount("unchecked@outage.test", "unchecked-password");
    }

    private HttpResponse<String> mailboxes(String user, String password) throws Exception {
        return new ApiClient(port).call("GET", "/api/mailboxes", null, user, password);
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":503", "The mail store is unavailable, try again later");
    }

    @Test
    void requestsDuringAStoreOutageGetA503ProblemAndWorkAgainAfterIt() throws Exception {
        // a successful login is remembered for a while: during the outage this one reaches the controller
        assertThat(mailboxes("known@outage.test", "known-password").statusCode()).isEqualTo(200);
        try (DatabaseOutage outage = DatabaseOutage.begin(dataSource)) {
            assertUnavailable(mailboxes("known@outage.test", "known-password"));
            // this login has to be checked against the store, which fails first
            assertUnavailable(mailboxes("unchecked@outage.test", "unchecked-password"));
            assertUnavailable(new ApiClient(port).call("GET", "/api/admin/domains", null, "admin", "admin-secret"));
        }
        // the pool reconnects on demand; until it has, the answer stays 503
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<String> after;
        do {
            after = mailboxes("unchecked@outage.test", "unchecked-password");
        } while (after.statusCode() == 503 && Instant.now().isBefore(deadline));
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("\"name\":\"INBOX\"");
    }
}
