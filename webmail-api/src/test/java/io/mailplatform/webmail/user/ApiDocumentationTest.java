package io.mailplatform.webmail.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document and its UI, over the same HTTPS as the API and without credentials: the
 * document lists the main paths and both security schemes.
 */
class ApiDocumentationTest extends UserApiTest {

    @Test
    void theDocumentListsTheApi() throws Exception {
        HttpResponse<String> response = call("GET", "/v3/api-docs", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"openapi\":\"3.", "\"/api/session\"", "\"/api/mailboxes\"",
                "\"/api/mailboxes/{mailbox}\"", "\"/api/mailboxes/{mailbox}/messages\"",
                "\"/api/mailboxes/{mailbox}/messages/{uid}\"", "\"/api/mailboxes/{mailbox}/messages/{uid}/raw\"",
                "\"/api/mailboxes/{mailbox}/messages/{uid}/parts/{partId}\"", "\"/api/mailboxes/{mailbox}/threads\"",
                "\"/api/mailboxes/{mailbox}/export\"", "\"/api/messages/send\"", "\"/api/drafts/{uid}\"",
                "\"/api/events\"", "\"/api/admin/accounts\"");
        assertThat(response.body()).contains("\"securitySchemes\"", "\"basic\":{\"type\":\"http\"",
                "\"scheme\":\"basic\"", "\"in\":\"cookie\"", "\"name\":\"JSESSIONID\"");
        assertThat(call("GET", "/v3/api-docs.yaml", null, null).body()).contains("openapi: 3.", "/api/mailboxes/{mailbox}/threads:");
        // the principal and the request objects the controllers take are not parameters of the API
        assertThat(response.body()).doesNotContain("\"name\":\"account\"", "ServletWebRequest");
    }

    @Test
    void theUserInterface() throws Exception {
        HttpResponse<String> redirect = call("GET", "/swagger-ui.html", null, null);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/swagger-ui/index.html"));

        HttpResponse<String> page = call("GET", "/swagger-ui/index.html", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(call("GET", "/swagger-ui/swagger-initializer.js", null, null).body()).contains("/v3/api-docs");
    }

    @Test
    void theRestStillNeedsCredentials() throws Exception {
        assertThat(call("GET", "/api/mailboxes", null, null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/v3/api-docs", "{}", null).statusCode()).isIn(401, 403);
    }
}
