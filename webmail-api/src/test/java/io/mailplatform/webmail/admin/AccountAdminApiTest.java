package io.mailplatform.webmail.admin;

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

/** Listing domains and accounts, password changes, disabling, over real HTTP (the queue: {@link OutboundQueueAdminApiTest}). */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "spring.kafka.admin.auto-create=false",
                "spring.kafka.bootstrap-servers=127.0.0.1:1", "spring.datasource.hikari.connection-timeout=1000"})
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountAdminApiTest {
    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;

    @BeforeAll
    void provision() throws Exception {
        directory.createDomain("accounts.test");
        directory.createAccount("dora@accounts.test", "first-password");
        directory.createAccount("carl@accounts.test", "carl-password");
    }

    private HttpResponse<String> call(String method, String path, String json, String user, String password)
            throws Exception {
        return new ApiClient(port).call(method, path, json, user, password);
    }

    private HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return call(method, path, json, "admin", "admin-secret");
    }

    @Test
    void domainsAndAccountsAreListed() throws Exception {
        assertThat(admin("GET", "/api/admin/domains", null).body()).contains("\"name\":\"accounts.test\"");
        HttpResponse<String> accounts = admin("GET", "/api/admin/domains/accounts.test/accounts", null);
        assertThat(accounts.statusCode()).isEqualTo(200);
        assertThat(accounts.body()).matches("\\[\\{\"id\":\\d+,\"address\":\"carl@accounts.test\",\"enabled\":true,"
                + "\"quotaBytes\":null},\\{\"id\":\\d+,\"address\":\"dora@accounts.test\".*");
        assertThat(admin("GET", "/api/admin/domains/nowhere.test/accounts", null).statusCode()).isEqualTo(404);
        assertThat(admin("GET", "/api/admin/accounts/Carl@accounts.test", null).body()).contains("\"address\":\"carl@accounts.test\"");
        assertThat(admin("GET", "/api/admin/accounts/nobody@accounts.test", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aNewPasswordReplacesTheOldOneAtOnce() throws Exception {
        String mailboxes = "/api/mailboxes";
        assertThat(call("GET", mailboxes, null, "dora@accounts.test", "first-password").statusCode()).isEqualTo(200);
        assertThat(admin("PUT", "/api/admin/accounts/dora@accounts.test/password", "{\"password\":\"second-password\"}")
                .statusCode()).isEqualTo(204);
        assertThat(call("GET", mailboxes, null, "dora@accounts.test", "first-password").statusCode()).isEqualTo(401);
        assertThat(call("GET", mailboxes, null, "dora@accounts.test", "second-password").statusCode()).isEqualTo(200);
        assertThat(admin("PUT", "/api/admin/accounts/dora@accounts.test/password", "{\"password\":\"\"}").statusCode())
                .isEqualTo(400);
        assertThat(admin("PUT", "/api/admin/accounts/nobody@accounts.test/password", "{\"password\":\"x\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aDisabledAccountCannotLogIn() throws Exception {
        assertThat(call("GET", "/api/mailboxes", null, "carl@accounts.test", "carl-password").statusCode()).isEqualTo(200);
        assertThat(admin("PUT", "/api/admin/accounts/carl@accounts.test/enabled", "{\"enabled\":false}").body())
                .contains("\"enabled\":false");
        assertThat(call("GET", "/api/mailboxes", null, "carl@accounts.test", "carl-password").statusCode()).isEqualTo(401);
        admin("PUT", "/api/admin/accounts/carl@accounts.test/enabled", "{\"enabled\":true}");
        assertThat(call("GET", "/api/mailboxes", null, "carl@accounts.test", "carl-password").statusCode()).isEqualTo(200);
        assertThat(admin("PUT", "/api/admin/accounts/carl@accounts.test/enabled", "{}").statusCode()).isEqualTo(400);
    }
}
