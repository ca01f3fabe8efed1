package io.mailplatform.webmail.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.testsupport.TestDatabase;
import io.mailplatform.testsupport.TestPostgres;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starting the API without a certificate: a self-signed one is used with a loud warning, or, with
 * {@code mail.tls.require-certificate}, the start fails saying what to configure.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificateAtStartTest {

    private static String[] properties(String... extra) {
        TestDatabase database = TestPostgres.newDatabase();
        List<String> properties = new ArrayList<>(List.of("server.port=0", "management.server.port=0", "mail.admin.password=admin-secret",
                "spring.datasource.url=" + database.jdbcUrl(), "spring.kafka.admin.auto-create=false",
                "spring.kafka.bootstrap-servers=127.0.0.1:1", "mail.http.hostname=api.example.test"));
        if (database.username() != null) {
            properties.add("spring.datasource.username=" + database.username());
            properties.add("spring.datasource.password=" + database.password());
        }
        properties.addAll(List.of(extra));
        return properties.toArray(String[]::new);
    }

    @Test
    void withoutACertificateTheApiServesASelfSignedOneAndSaysSoLoudly(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebmailApplication.class)
                .properties(properties()).run()) {
            int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            assertThat(new ApiClient(port).call("GET", "/api/admin/domains", null, "admin", "admin-secret").statusCode())
                    .isEqualTo(200);
        }
        assertThat(output).contains("WARN").contains("NO TLS CERTIFICATE CONFIGURED: the SSL bundle 'mail' does not exist")
                .contains("SELF-SIGNED certificate for api.example.test");
    }

    @Test
    void aRequiredCertificateThatIsMissingStopsTheStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(WebmailApplication.class)
                .properties(properties("mail.tls.require-certificate=true")).run().close())
                .hasStackTraceContaining("mail.tls.require-certificate is set, but the SSL bundle 'mail' is not configured")
                .hasStackTraceContaining("spring.ssl.bundle.pem.mail.keystore.certificate");
    }
}
