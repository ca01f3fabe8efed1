package io.mailplatform.webmail.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.core.dmarc.report.ReportArchive;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The received DMARC reports admin API over real HTTPS: upload (XML or gzip), list, show, and its problems. */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mail.admin.password=admin-secret")
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DmarcReportAdminApiTest {
    private static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feedback>
              <report_metadata><org_name>google.com</org_name><email>noreply-dmarc-support@google.com</email>
                <report_id>%s</report_id><date_range><begin>1764460800</begin><end>1764547199</end></date_range>
              </report_metadata>
              <policy_published><domain>upload.test</domain><adkim>r</adkim><aspf>r</aspf><p>reject</p><sp>reject</sp>
                <pct>100</pct></policy_published>
              <record><row><source_ip>198.51.100.7</source_ip><count>4</count>
                  <policy_evaluated><disposition>reject</disposition><dkim>fail</dkim><spf>fail</spf></policy_evaluated></row>
                <identifiers><header_from>upload.test</header_from></identifiers>
                <auth_results><spf><domain>spoofer.example</domain><result>fail</result></spf></auth_results></record>
              <record><row><source_ip>192.0.2.25</source_ip><count>10</count>
                  <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>
                <identifiers><header_from>upload.test</header_from></identifiers>
                <auth_results><dkim><domain>upload.test</domain><selector>s1</selector><result>pass</result></dkim>
                  <spf><domain>upload.test</domain><result>pass</result></spf></auth_results></record>
            </feedback>
            """;

    @LocalServerPort
    int port;

    private HttpResponse<byte[]> upload(String contentType, byte[] body) throws Exception {
        return new ApiClient(port).send("POST", "/api/admin/dmarc-reports", contentType, body, "admin", "admin-secret");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return new ApiClient(port).call("GET", "/api/admin/dmarc-reports" + path, null, "admin", "admin-secret");
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void anUploadedReportIsListedAndShown() throws Exception {
        HttpResponse<byte[]> created = upload("application/gzip",
                ReportArchive.gzip(REPORT.formatted("g-1").getBytes(StandardCharsets.UTF_8)));
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(text(created)).contains("\"orgName\":\"google.com\"", "\"messages\":14", "\"failed\":4",
                "\"sourceIp\":\"198.51.100.7\"", "\"selector\":\"s1\"");

        HttpResponse<byte[]> again = upload("application/xml", REPORT.formatted("g-1").getBytes(StandardCharsets.UTF_8));
        assertThat(again.headers().firstValue("Location")).contains(location);

        assertThat(get("?domain=upload.test").body()).contains("\"reportId\":\"g-1\"").doesNotContain("\"records\"");
        assertThat(get(location.substring(location.lastIndexOf('/'))).body()).contains("\"disposition\":\"reject\"",
                "\"p\":\"reject\"");
    }

    @Test
    void badInputGetsProblems() throws Exception {
        HttpResponse<byte[]> xxe = upload("application/xml", ("<?xml version=\"1.0\"?><!DOCTYPE feedback [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><feedback>&x;</feedback>").getBytes(StandardCharsets.UTF_8));
        assertThat(xxe.statusCode()).isEqualTo(400);
        assertThat(xxe.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(text(xxe)).contains("not a DMARC aggregate report").doesNotContain("root:");

        assertThat(upload("application/xml", "<feedback/>".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(upload("application/gzip", ReportArchive.gzip(new byte[8 << 20])).statusCode()).isEqualTo(400);
        assertThat(upload("application/xml", null).statusCode()).isEqualTo(400);
        assertThat(get("?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("?limit=x").statusCode()).isEqualTo(400);
        HttpResponse<String> missing = get("/999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(get("/abc").statusCode()).isEqualTo(400);
        assertThat(new ApiClient(port).call("GET", "/api/admin/dmarc-reports", null, null, null).statusCode()).isEqualTo(401);
    }
}
