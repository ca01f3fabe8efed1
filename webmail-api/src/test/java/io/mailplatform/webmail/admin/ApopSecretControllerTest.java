package io.mailplatform.webmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.ApopAuthenticator;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The admin API for APOP secrets over real HTTP, checked against the store's APOP login. */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mail.admin.password=admin-secret")
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApopSecretControllerTest {
    private static final String TIMESTAMP = "<1896.697170952@dbc.mtview.ca.us>";
    private static final String RFC_DIGEST = "c4c9334bac560ecc979e58001b3e22fb";

    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;
    @Autowired
    ApopAuthenticator apop;
    @Autowired
    JdbcClient jdbc;

    private InetAddress client;

    @BeforeAll
    void account() throws Exception {
        directory.createDomain("example.test");
        directory.createAccount("mrose@example.test", "login-password");
        client = InetAddress.getByName("192.0.2.1");
    }

    private HttpResponse<String> send(String method, String address, String json, String user, String password)
            throws Exception {
        return new ApiClient(port).call(method, "/api/admin/accounts/" + address + "/apop-secret",
                json, user, password);
    }

    private HttpResponse<String> asAdmin(String method, String address, String json) throws Exception {
        return send(method, address, json, "admin", "admin-secret");
    }

    @Test
    void settingTheSecretEnablesApopAndStoresItEncrypted() throws Exception {
        HttpResponse<String> response = asAdmin("PUT", "mrose@example.test", "{\"secret\":\"tanstaaf\"}");
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(apop.login("mrose@example.test", TIMESTAMP, RFC_DIGEST, client).accepted()).isPresent();
        byte[] stored = jdbc.sql("SELECT apop_secret FROM accounts WHERE address = 'mrose@example.test'")
                .query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("tanstaaf");
        assertThat(asAdmin("PUT", "MRose@Example.Test", "{\"secret\":\"tanstaaf\"}").statusCode())
                .as("addresses are case-insensitive").isEqualTo(204);
    }

    @Test
    void clearingTheSecretRefusesApop() throws Exception {
        assertThat(asAdmin("PUT", "mrose@example.test", "{\"secret\":\"tanstaaf\"}").statusCode()).isEqualTo(204);
        assertThat(asAdmin("DELETE", "mrose@example.test", null).statusCode()).isEqualTo(204);
        assertThat(apop.login("mrose@example.test", TIMESTAMP, RFC_DIGEST, client).accepted()).isEmpty();
    }

    @Test
    void unknownAccountsAreNotFound() throws Exception {
        HttpResponse<String> put = asAdmin("PUT", "nobody@example.test", "{\"secret\":\"tanstaaf\"}");
        assertThat(put.statusCode()).isEqualTo(404);
        assertThat(put.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(put.body()).contains("\"status\":404");
        assertThat(asAdmin("DELETE", "nobody@example.test", null).statusCode()).isEqualTo(404);
    }

    @Test
    void unacceptableSecretsAndAddressesAreBadRequests() throws Exception {
        for (String body : new String[] {"{\"secret\":\"short\"}", "{\"secret\":\"" + "x".repeat(257) + "\"}",
                "{\"secret\":\"tab\\tinside\"}", "{}", "{\"secret\":null}", "not json"}) {
            HttpResponse<String> response = asAdmin("PUT", "mrose@example.test", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).contains("\"status\":400");
        }
        assertThat(asAdmin("PUT", "mrose@example.test", null).statusCode()).as("no body").isEqualTo(400);
        assertThat(asAdmin("PUT", "not-an-address", "{\"secret\":\"tanstaaf\"}").statusCode()).isEqualTo(400);
        assertThat(asAdmin("DELETE", "not-an-address", null).statusCode()).isEqualTo(400);
    }

    @Test
    void onlyTheAdministratorMaySetSecrets() throws Exception {
        assertThat(send("PUT", "mrose@example.test", "{\"secret\":\"tanstaaf\"}", null, null).statusCode()).isEqualTo(401);
        assertThat(send("PUT", "mrose@example.test", "{\"secret\":\"tanstaaf\"}", "admin", "wrong").statusCode())
                .isEqualTo(401);
        assertThat(send("DELETE", "mrose@example.test", null, null, null).statusCode()).isEqualTo(401);
        assertThat(send("PUT", "mrose@example.test", "{\"secret\":\"tanstaaf\"}", "mrose@example.test", "login-password")
                .statusCode()).as("a mail user is not the administrator").isEqualTo(403);
    }
}
