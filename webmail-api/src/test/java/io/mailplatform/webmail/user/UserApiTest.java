package io.mailplatform.webmail.user;

import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The user API's test classes share this one application context: HTTPS with a generated
 * certificate, real PostgreSQL (emptied before each class) and the embedded Kafka broker, behind
 * a trusted proxy so that tests can give each client its own address (login throttling).
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "server.forward-headers-strategy=native",
                "mail.webmail.limits.max-page-size=20", "mail.webmail.limits.max-uids-per-request=5",
                "mail.webmail.limits.max-request-body=2KB", "mail.webmail.events.heartbeat=1s",
                "mail.webmail.events.max-streams-per-account=2", "mail.store.login-throttle.base-delay=1m",
                "mail.store.login-throttle.max-delay=1m", "mail.store.login-throttle.max-account-delay=1m",
                "mail.store.login-throttle.free-failures-per-address=5"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UserApiTest {
    @LocalServerPort
    int port;

    HttpResponse<String> call(String method, String path, String json, String user) throws Exception {
        return new ApiClient(port).call(method, path, json, user, "secret");
    }
}
