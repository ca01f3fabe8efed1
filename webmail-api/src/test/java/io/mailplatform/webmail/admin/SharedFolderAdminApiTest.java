package io.mailplatform.webmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.acl.AccessibleMailbox;
import io.mailplatform.store.acl.MailboxAccess;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Public mailboxes of the IMAP "Shared Folders" namespace through the admin API, over real HTTP:
 * created with their initial ACL, listed, ACL replaced, deleted; errors are RFC 9457 problems. What
 * an account then reaches is read through the store's {@link MailboxAccess}, as IMAP does.
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "spring.kafka.admin.auto-create=false",
                "spring.kafka.bootstrap-servers=127.0.0.1:1", "spring.datasource.hikari.connection-timeout=1000",
                // no broker: the mailbox events of CREATE and SETACL give up at once instead of after a minute
                "spring.kafka.producer.properties.max.block.ms=200"})
@RealInfrastructure(kafka = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedFolderAdminApiTest {
    private static final String FOLDERS = "/api/admin/shared-folders";

    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;
    @Autowired
    MailboxAccess access;

    private Account ed;
    private Account flo;

    @BeforeAll
    void provision() throws Exception {
        directory.createDomain("public.test");
        ed = directory.createAccount("ed@public.test", "ed-password");
        flo = directory.createAccount("flo@public.test", "flo-password");
    }

    private HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return new ApiClient(port).call(method, path, json, "admin", "admin-secret");
    }

    @Test
    void anOperatorCreatesChangesAndDeletesAPublicMailbox() throws Exception {
        HttpResponse<String> created = admin("POST", FOLDERS,
                "{\"name\":\"News\",\"acl\":{\"anyone\":\"lr\",\"Ed@public.test\":\"lrswipkxtea\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue(FOLDERS + "/News");
        assertThat(created.body()).isEqualTo("{\"name\":\"News\",\"imapName\":\"Shared Folders/News\","
                + "\"acl\":{\"anyone\":\"lr\",\"ed@public.test\":\"lrswipkxtea\"}}");
        assertThat(rights(ed, "Shared Folders/News")).isEqualTo("lrswipkxteacd");
        assertThat(rights(flo, "Shared Folders/News")).isEqualTo("lr");

        assertThat(admin("POST", FOLDERS, "{\"name\":\"News/Sport\",\"acl\":{\"flo@public.test\":\"lrs\"}}").statusCode())
                .isEqualTo(201);
        assertThat(admin("GET", FOLDERS, null).body()).contains("\"name\":\"News\"", "\"name\":\"News/Sport\"");
        assertThat(admin("GET", FOLDERS + "/News/Sport", null).body()).contains("\"imapName\":\"Shared Folders/News/Sport\"");
        // Sport's ACL names flo only: ed does not see it
        assertThat(rights(ed, "Shared Folders/News/Sport")).isNull();

        HttpResponse<String> replaced = admin("PUT", FOLDERS + "/News", "{\"acl\":{\"flo@public.test\":\"lrsw\"}}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(rights(flo, "Shared Folders/News")).isEqualTo("lrsw");
        assertThat(rights(ed, "Shared Folders/News")).isNull();

        assertThat(admin("DELETE", FOLDERS + "/News/Sport", null).statusCode()).isEqualTo(204);
        assertThat(rights(flo, "Shared Folders/News/Sport")).isNull();
        problem(admin("DELETE", FOLDERS + "/News/Sport", null), 404);
        problem(admin("GET", FOLDERS + "/News/Sport", null), 404);
        assertThat(admin("DELETE", FOLDERS + "/News", null).statusCode()).isEqualTo(204);
        assertThat(admin("GET", FOLDERS, null).body()).isEqualTo("[]");
    }

    @Test
    void mistakesAreProblems() throws Exception {
        assertThat(admin("POST", FOLDERS, "{\"name\":\"Desk\"}").statusCode()).isEqualTo(201);
        problem(admin("POST", FOLDERS, "{\"name\":\"Desk\"}"), 409);
        problem(admin("POST", FOLDERS, "{\"name\":\"Bad\",\"acl\":{\"anyone\":\"lz\"}}"), 400);
        problem(admin("POST", FOLDERS, "{\"name\":\"Bad\",\"acl\":{\"nobody@public.test\":\"lr\"}}"), 400);
        problem(admin("POST", FOLDERS, "{\"name\":\"Bad\",\"acl\":{\"-anyone\":\"lr\"}}"), 400);
        problem(admin("POST", FOLDERS, "{\"name\":\"Bad*\"}"), 400);
        problem(admin("POST", FOLDERS, "{\"name\":\"\"}"), 400);
        problem(admin("PUT", FOLDERS + "/Missing", "{\"acl\":{}}"), 404);
        problem(admin("PUT", FOLDERS + "/Desk", "{\"acl\":{\"anyone\":\"q\"}}"), 400);
        // a body without the acl (the map given bare) is refused, not taken as "no entries"
        problem(admin("PUT", FOLDERS + "/Desk", "{\"anyone\":\"lr\"}"), 400);
        // nothing half done
        assertThat(admin("GET", FOLDERS, null).body()).doesNotContain("Bad");
        assertThat(new ApiClient(port).call("GET", FOLDERS, null, "ed@public.test", "ed-password").statusCode())
                .isIn(401, 403);
        assertThat(admin("DELETE", FOLDERS + "/Desk", null).statusCode()).isEqualTo(204);
    }

    @Test
    void theWebmailKeepsToTheAccountsOwnMailboxes() throws Exception {
        assertThat(admin("POST", FOLDERS, "{\"name\":\"Lobby\",\"acl\":{\"anyone\":\"lrswi\"}}").statusCode()).isEqualTo(201);
        ApiClient client = new ApiClient(port);
        HttpResponse<String> list = client.call("GET", "/api/mailboxes", null, "ed@public.test", "ed-password");
        assertThat(list.body()).doesNotContain("Lobby", "Shared Folders");
        // the namespace holds no mailbox of an account's own
        problem(client.call("POST", "/api/mailboxes", "{\"name\":\"Shared Folders/Mine\"}", "ed@public.test", "ed-password"),
                400);
        assertThat(admin("DELETE", FOLDERS + "/Lobby", null).statusCode()).isEqualTo(204);
    }

    /** The rights an account has on a name it can see, as MYRIGHTS writes them, or null when it cannot. */
    private String rights(Account account, String name) {
        List<AccessibleMailbox> visible = access.visible(account);
        return visible.stream().filter(m -> m.name().equals(name)).findFirst().map(m -> m.rights().format()).orElse(null);
    }

    private static void problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
