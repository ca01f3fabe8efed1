package io.mailplatform.webmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.DirectoryAdmin;
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

/** The admin endpoints for aliases, lists, catch-all, quotas and SPF policy, over real HTTP. */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "spring.kafka.admin.auto-create=false",
                "spring.kafka.bootstrap-servers=127.0.0.1:1", "spring.datasource.hikari.connection-timeout=1000"})
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingAdminApiTest {
    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;
    @Autowired
    DirectoryAdmin admin;

    @BeforeAll
    void provision() throws Exception {
        directory.createDomain("admin.test");
        directory.createAccount("ann@admin.test", "ann-password");
        directory.createAccount("ben@admin.test", "ben-password");
    }

    private HttpResponse<String> call(String method, String path, String json) throws Exception {
        return call(method, path, json, "admin", "admin-secret");
    }

    private HttpResponse<String> call(String method, String path, String json, String user, String password)
            throws Exception {
        return new ApiClient(port).call(method, path, json, user, password);
    }

    @Test
    void aliasesCanBeAddedListedAndRemoved() throws Exception {
        assertThat(call("POST", "/api/admin/aliases", "{\"address\":\"team@admin.test\",\"target\":\"ann@admin.test\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> second = call("POST", "/api/admin/aliases",
                "{\"address\":\"Team@admin.test\",\"target\":\"ben@admin.test\"}");
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).contains("\"targets\":[\"ann@admin.test\",\"ben@admin.test\"]");
        assertThat(call("POST", "/api/admin/aliases", "{\"address\":\"team@admin.test\",\"target\":\"ben@admin.test\"}")
                .statusCode()).isEqualTo(409);
        assertThat(call("POST", "/api/admin/aliases", "{\"address\":\"team@elsewhere.test\",\"target\":\"ann@admin.test\"}")
                .statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/admin/domains/admin.test/aliases", null).body())
                .isEqualTo("{\"team@admin.test\":[\"ann@admin.test\",\"ben@admin.test\"]}");
        assertThat(call("DELETE", "/api/admin/aliases/team@admin.test/targets/ann@admin.test", null).statusCode())
                .isEqualTo(204);
        assertThat(directory.aliasTargets("team@admin.test")).containsExactly("ben@admin.test");
        assertThat(call("DELETE", "/api/admin/aliases/team@admin.test/targets/ann@admin.test", null).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/api/admin/aliases/team@admin.test", null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = call("GET", "/api/admin/aliases/team@admin.test", null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
    }

    @Test
    void listsAndTheirMembersAreManaged() throws Exception {
        assertThat(call("POST", "/api/admin/lists", "{\"address\":\"staff@admin.test\",\"membersOnly\":true}").statusCode())
                .isEqualTo(201);
        assertThat(call("POST", "/api/admin/lists/staff@admin.test/members", "{\"address\":\"ann@admin.test\"}").body())
                .contains("\"members\":[\"ann@admin.test\"]");
        call("POST", "/api/admin/lists/staff@admin.test/members", "{\"address\":\"outsider@example.org\"}");
        assertThat(call("POST", "/api/admin/lists/staff@admin.test/members", "{\"address\":\"not an address\"}")
                .statusCode()).isEqualTo(400);
        assertThat(call("PATCH", "/api/admin/lists/staff@admin.test", "{\"membersOnly\":false}").body())
                .contains("\"membersOnly\":false");
        assertThat(call("GET", "/api/admin/lists/staff@admin.test", null).body())
                .isEqualTo("{\"address\":\"staff@admin.test\",\"membersOnly\":false,"
                        + "\"members\":[\"ann@admin.test\",\"outsider@example.org\"]}");
        assertThat(call("GET", "/api/admin/domains/admin.test/lists", null).body()).isEqualTo("[\"staff@admin.test\"]");
        assertThat(call("DELETE", "/api/admin/lists/staff@admin.test/members/outsider@example.org", null).statusCode())
                .isEqualTo(204);
        assertThat(call("DELETE", "/api/admin/lists/staff@admin.test", null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/admin/lists/staff@admin.test", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/admin/lists/nolist@admin.test/members", "{\"address\":\"ann@admin.test\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void catchAllAndSpfPolicyArePerDomain() throws Exception {
        assertThat(call("PUT", "/api/admin/domains/admin.test/catch-all", "{\"target\":\"ann@admin.test\"}").body())
                .isEqualTo("{\"domain\":\"admin.test\",\"target\":\"ann@admin.test\"}");
        assertThat(directory.findDomain("admin.test").orElseThrow().catchAll()).isEqualTo("ann@admin.test");
        assertThat(call("DELETE", "/api/admin/domains/admin.test/catch-all", null).statusCode()).isEqualTo(204);
        assertThat(directory.findDomain("admin.test").orElseThrow().catchAll()).isNull();

        assertThat(call("GET", "/api/admin/domains/admin.test/spf-policy", null).body())
                .isEqualTo("{\"domain\":\"admin.test\",\"failAction\":null}");
        assertThat(call("PUT", "/api/admin/domains/admin.test/spf-policy", "{\"failAction\":\"discard\"}").body())
                .contains("\"failAction\":\"discard\"");
        assertThat(admin.spfFailPolicy("admin.test")).contains("discard");
        assertThat(call("PUT", "/api/admin/domains/admin.test/spf-policy", "{\"failAction\":\"bounce\"}").statusCode())
                .isEqualTo(400);
        assertThat(call("DELETE", "/api/admin/domains/admin.test/spf-policy", null).statusCode()).isEqualTo(204);
        assertThat(admin.spfFailPolicy("admin.test")).isEmpty();
        assertThat(call("GET", "/api/admin/domains/nowhere.test/spf-policy", null).statusCode()).isEqualTo(404);
        assertThat(call("PUT", "/api/admin/domains/nowhere.test/catch-all", "{\"target\":\"a@b.test\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void quotasAreSetAndShownWithUsage() throws Exception {
        assertThat(call("GET", "/api/admin/accounts/ben@admin.test/quota", null).body())
                .isEqualTo("{\"address\":\"ben@admin.test\",\"limitBytes\":null,\"usedBytes\":0,"
                        + "\"limitMessages\":null,\"usedMessages\":0}");
        assertThat(call("PUT", "/api/admin/accounts/ben@admin.test/quota", "{\"limitBytes\":1048576}").body())
                .isEqualTo("{\"address\":\"ben@admin.test\",\"limitBytes\":1048576,\"usedBytes\":0,"
                        + "\"limitMessages\":null,\"usedMessages\":0}");
        assertThat(call("PUT", "/api/admin/accounts/ben@admin.test/quota", "{\"limitBytes\":2048,\"limitMessages\":50}")
                .body()).isEqualTo("{\"address\":\"ben@admin.test\",\"limitBytes\":2048,\"usedBytes\":0,"
                        + "\"limitMessages\":50,\"usedMessages\":0}");
        assertThat(admin.quota("ben@admin.test").orElseThrow().limitMessages()).isEqualTo(50L);
        HttpResponse<String> negative = call("PUT", "/api/admin/accounts/ben@admin.test/quota", "{\"limitMessages\":-5}");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(negative.body()).contains("\"status\":400");
        assertThat(admin.quota("ben@admin.test").orElseThrow().limitMessages()).isEqualTo(50L);
        assertThat(call("PUT", "/api/admin/accounts/ben@admin.test/quota", "{\"limitMessages\":\"many\"}").statusCode())
                .isEqualTo(400);
        // PUT replaces both: an absent limit is unlimited again
        assertThat(call("PUT", "/api/admin/accounts/ben@admin.test/quota", "{\"limitBytes\":1048576}").body())
                .contains("\"limitMessages\":null");
        assertThat(call("PUT", "/api/admin/accounts/ben@admin.test/quota", "{\"limitBytes\":-1}").statusCode())
                .isEqualTo(400);
        assertThat(call("PUT", "/api/admin/accounts/ben@admin.test/quota", "{\"limitBytes\":null}").body())
                .contains("\"limitBytes\":null");
        assertThat(call("GET", "/api/admin/accounts/nobody@admin.test/quota", null).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyTheAdministratorMayUseThem() throws Exception {
        assertThat(call("GET", "/api/admin/domains/admin.test/aliases", null, "ann@admin.test", "ann-password").statusCode())
                .isEqualTo(403);
        assertThat(call("PUT", "/api/admin/accounts/ann@admin.test/quota", "{\"limitBytes\":1}", "admin", "wrong")
                .statusCode()).isEqualTo(401);
    }
}
