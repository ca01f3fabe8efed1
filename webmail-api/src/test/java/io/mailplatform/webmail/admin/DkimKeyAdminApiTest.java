package io.mailplatform.webmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.dkim.DkimKeyRecord;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** The DKIM key admin API over real HTTPS: generate, list, rotate, retire, delete, and its problems. */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mail.admin.password=admin-secret")
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DkimKeyAdminApiTest {
    @LocalServerPort
    int port;
    @Autowired
    DirectoryService directory;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    void domain() throws Exception {
        directory.createDomain("keys.test");
    }

    private HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return new ApiClient(port).call(method, "/api/admin/domains/keys.test/dkim-keys" + path, json, "admin", "admin-secret");
    }

    @Test
    void aGeneratedKeyComesWithTheRecordToPublish() throws Exception {
        HttpResponse<String> created = admin("POST", "", "{\"algorithm\":\"ed25519-sha256\",\"selector\":\"mail1\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/admin/domains/keys.test/dkim-keys/mail1");
        assertThat(created.body()).contains("\"dnsName\":\"mail1._domainkey.keys.test\"", "\"active\":true",
                "\"dnsRecord\":\"v=DKIM1; k=ed25519; p=");
        String record = created.body().replaceAll(".*\"dnsRecord\":\"([^\"]*)\".*", "$1");
        assertThat(DkimKeyRecord.parse(record).bits()).isEqualTo(256);
        byte[] stored = jdbc.sql("SELECT private_key FROM dkim_keys WHERE selector = 'mail1'").query((rs, n) -> rs.getBytes(1))
                .single();
        assertThat(stored[0]).as("sealed by SecretCipher, version byte first").isEqualTo((byte) 1);

        HttpResponse<String> rsa = admin("POST", "", null);
        assertThat(rsa.statusCode()).isEqualTo(201);
        String rsaRecord = rsa.body().replaceAll(".*\"dnsRecord\":\"([^\"]*)\".*", "$1");
        assertThat(DkimKeyRecord.parse(rsaRecord).bits()).isEqualTo(2048);
        assertThat(admin("GET", "", null).body()).contains("\"selector\":\"mail1\"", "\"algorithm\":\"rsa-sha256\"");
    }

    @Test
    void rotationRetiresAndDeletes() throws Exception {
        assertThat(admin("POST", "", "{\"algorithm\":\"rsa-sha256\",\"selector\":\"r1\"}").statusCode()).isEqualTo(201);
        assertThat(admin("POST", "", "{\"algorithm\":\"rsa-sha256\",\"selector\":\"r1\"}").statusCode()).isEqualTo(409);
        HttpResponse<String> retired = admin("POST", "/r1/retire", null);
        assertThat(retired.statusCode()).isEqualTo(200);
        assertThat(retired.body()).contains("\"active\":false");
        assertThat(admin("DELETE", "/r1", null).statusCode()).isEqualTo(204);
        assertThat(admin("GET", "/r1", null).statusCode()).isEqualTo(404);
        assertThat(admin("POST", "/r1/retire", null).statusCode()).isEqualTo(404);
    }

    @Test
    void badInputIsAProblem() throws Exception {
        HttpResponse<String> badAlgorithm = admin("POST", "", "{\"algorithm\":\"rsa-sha1\"}");
        assertThat(badAlgorithm.statusCode()).isEqualTo(400);
        assertThat(badAlgorithm.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(admin("POST", "", "{\"selector\":\"has space\"}").statusCode()).isEqualTo(400);
        assertThat(new ApiClient(port).call("POST", "/api/admin/domains/none.test/dkim-keys", null, "admin", "admin-secret")
                .statusCode()).isEqualTo(404);
        assertThat(new ApiClient(port).call("GET", "/api/admin/domains/keys.test/dkim-keys", null, "admin", "wrong")
                .statusCode()).isEqualTo(401);
    }
}
