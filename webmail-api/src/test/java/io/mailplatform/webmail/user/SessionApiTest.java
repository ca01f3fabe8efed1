package io.mailplatform.webmail.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.webmail.support.ApiClient;
import io.mailplatform.webmail.support.BrowserClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The browser login over real HTTPS: cookies and their attributes, the CSRF token a page reads and
 * sends back, refusal of unsafe requests without it, HTTP Basic scripts unaffected, logout, the
 * login throttle, disabled accounts.
 */
class SessionApiTest extends UserApiTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LOGIN = "{\"address\":\"%s\",\"password\":\"%s\"}";

    @Autowired
    DirectoryService directory;

    @BeforeAll
    void accounts() throws Exception {
        directory.createDomain("session.test");
        for (String user : new String[] {"amy", "ben", "cleo", "dan", "eve"}) {
            directory.createAccount(user + "@session.test", "secret");
        }
    }

    private BrowserClient loggedIn(String address) throws Exception {
        BrowserClient browser = new BrowserClient(port);
        HttpResponse<String> login = browser.call("POST", "/api/session", LOGIN.formatted(address, "secret"));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        browser.csrf(JSON.readTree(login.body()).get("csrfToken").asString());
        return browser;
    }

    @Test
    void loginSetsAnHttpOnlySecureStrictSessionCookieAndAReadableCsrfCookie() throws Exception {
        BrowserClient browser = new BrowserClient(port);
        HttpResponse<String> login = browser.call("POST", "/api/session", LOGIN.formatted("amy@session.test", "secret"));
        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(login.body());
        assertThat(body.get("address").asString()).isEqualTo("amy@session.test");
        assertThat(body.get("csrfHeader").asString()).isEqualTo("X-XSRF-TOKEN");
        List<String> cookies = login.headers().allValues("Set-Cookie");
        String session = cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(session).containsIgnoringCase("; HttpOnly").containsIgnoringCase("; Secure")
                .containsIgnoringCase("SameSite=Strict");
        String csrf = cookies.stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        assertThat(csrf).doesNotContainIgnoringCase("HttpOnly").containsIgnoringCase("; Secure")
                .containsIgnoringCase("SameSite=Strict");
        assertThat(browser.cookies().get("XSRF-TOKEN")).isEqualTo(body.get("csrfToken").asString());

        HttpResponse<String> whoAmI = browser.call("GET", "/api/session", null);
        assertThat(whoAmI.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(whoAmI.body()).get("address").asString()).isEqualTo("amy@session.test");
        assertThat(browser.call("GET", "/api/mailboxes", null).statusCode()).isEqualTo(200);
    }

    @Test
    void unsafeRequestsWithTheCookieNeedTheCsrfToken() throws Exception {
        BrowserClient browser = loggedIn("ben@session.test");
        String token = browser.cookies().get("XSRF-TOKEN");
        browser.csrf(null);
        HttpResponse<String> refused = browser.call("POST", "/api/mailboxes", "{\"name\":\"Forged\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("CSRF");
        browser.csrf("wrong-" + token);
        assertThat(browser.call("POST", "/api/mailboxes", "{\"name\":\"Forged\"}").statusCode()).isEqualTo(403);
        assertThat(browser.call("DELETE", "/api/session", null).statusCode()).as("logout too").isEqualTo(403);
        browser.csrf(token);
        assertThat(browser.call("POST", "/api/mailboxes", "{\"name\":\"Real\"}").statusCode()).isEqualTo(201);
        // the forged requests changed nothing
        assertThat(browser.call("GET", "/api/mailboxes", null).body()).contains("\"Real\"").doesNotContain("Forged");
    }

    @Test
    void scriptsWithHttpBasicNeedNoCsrfToken() throws Exception {
        assertThat(call("POST", "/api/mailboxes", "{\"name\":\"Scripted\"}", "cleo@session.test").statusCode())
                .isEqualTo(201);
        assertThat(call("GET", "/api/session", null, "cleo@session.test").statusCode()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        BrowserClient browser = loggedIn("dan@session.test");
        Map<String, String> cookies = Map.copyOf(browser.cookies());
        assertThat(browser.call("DELETE", "/api/session", null).statusCode()).isEqualTo(204);
        BrowserClient replay = new BrowserClient(port);
        replay.cookies().putAll(cookies);
        HttpResponse<String> after = replay.call("GET", "/api/mailboxes", null);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void wrongPasswordsAreRefusedWithoutABasicChallengeAndThrottled() throws Exception {
        BrowserClient browser = new BrowserClient(port);
        Map<String, String> proxy = Map.of("X-Forwarded-For", "198.51.100.77");
        int throttledAt = -1;
        for (int i = 0; i < 12 && throttledAt < 0; i++) {
            HttpResponse<String> response = browser.send("POST", "/api/session",
                    LOGIN.formatted("eve@session.test", "wrong" + i), proxy);
            if (response.statusCode() == 429) {
                throttledAt = i;
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate")).as("no browser dialog").isEmpty();
            }
        }
        assertThat(throttledAt).as("the login throttle of the mail protocols applies").isPositive();
        assertThat(browser.cookies()).doesNotContainKey("JSESSIONID");
        assertThat(browser.call("POST", "/api/session", "{\"address\":\"eve@session.test\"}").statusCode())
                .isEqualTo(400);
        assertThat(browser.send("POST", "/api/session", "address=eve", Map.of("Content-Type", "text/plain"))
                .statusCode()).isEqualTo(415);
    }

    @Test
    void theAdministratorDoesNotLogInHere() throws Exception {
        HttpResponse<String> response = new BrowserClient(port).call("POST", "/api/session",
                LOGIN.formatted("admin", "admin-secret"));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aDisabledAccountCannotLogInAndItsSessionEnds() throws Exception {
        directory.createAccount("fay@session.test", "secret");
        BrowserClient browser = loggedIn("fay@session.test");
        HttpResponse<String> disabled = new ApiClient(port).call("PUT", "/api/admin/accounts/fay@session.test/enabled",
                "{\"enabled\":false}", "admin", "admin-secret");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(browser.call("GET", "/api/mailboxes", null).statusCode()).isEqualTo(401);
        assertThat(new BrowserClient(port).call("POST", "/api/session", LOGIN.formatted("fay@session.test", "secret"))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void withoutCredentialsTheSessionIsUnknown() throws Exception {
        assertThat(new BrowserClient(port).call("GET", "/api/session", null).statusCode()).isEqualTo(401);
    }
}
