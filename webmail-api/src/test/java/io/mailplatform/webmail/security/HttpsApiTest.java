package io.mailplatform.webmail.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.certificate.SelfSignedCertificate;
import io.mailplatform.testsupport.RealInfrastructure;
import io.mailplatform.webmail.WebmailApplication;
import io.mailplatform.webmail.support.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * By default the API is served over HTTPS with the certificate of the SSL bundle {@code mail}, here
 * given as PEM text: a client that trusts exactly that certificate, and checks the host name as
 * browsers do, gets through; one that trusts only the usual authorities does not.
 */
@SpringBootTest(classes = WebmailApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mail.admin.password=admin-secret", "mail.tls.require-certificate=true",
                "spring.kafka.admin.auto-create=false", "spring.kafka.bootstrap-servers=127.0.0.1:1"})
@RealInfrastructure(kafka = false)
class HttpsApiTest {
    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate("localhost");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void bundle(DynamicPropertyRegistry registry) {
        registry.add("spring.ssl.bundle.pem.mail.keystore.certificate",
                () -> pem("CERTIFICATE", encoded(CERTIFICATE)));
        registry.add("spring.ssl.bundle.pem.mail.keystore.private-key",
                () -> pem("PRIVATE KEY", CERTIFICATE.keyPair().getPrivate().getEncoded()));
    }

    private static byte[] encoded(SelfSignedCertificate certificate) {
        try {
            return certificate.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private HttpRequest domains() {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/admin/domains"))
                .header("Authorization", ApiClient.basic("admin", "admin-secret")).build();
    }

    @Test
    void aClientTrustingTheConfiguredCertificateGetsThroughWithTheHostNameChecked() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", CERTIFICATE.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);

        HttpResponse<String> response = HttpClient.newBuilder().sslContext(tls).build()
                .send(domains(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.sslSession()).hasValueSatisfying(session -> {
            assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            try {
                assertThat(session.getPeerCertificates()[0]).isEqualTo(CERTIFICATE.certificate());
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aClientThatDoesNotTrustItIsStoppedAtTheHandshake() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(domains(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpOnTheHttpsPortIsNotServed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/admin/domains")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("example");
    }
}
