package io.mailplatform.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ServerCertificatesTest {
    private final DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();

    @Test
    void aConfiguredBundleIsUsedAsItIs(CapturedOutput output) {
        SslBundle configured = SelfSignedCertificate.generate("configured.example.test").sslBundle();
        registry.registerBundle("mail", configured);
        ServerCertificates certificates = new ServerCertificates(registry, new TlsProperties(true));
        assertThat(certificates.bundle("mail", "mx.example.test")).isSameAs(configured);
        assertThat(certificates.isConfigured("mail")).isTrue();
        assertThat(output).doesNotContain("NO TLS CERTIFICATE CONFIGURED");
    }

    @Test
    void withoutTheBundleASelfSignedCertificateIsUsedAndAnnouncedLoudly(CapturedOutput output) throws Exception {
        ServerCertificates certificates = new ServerCertificates(registry, new TlsProperties(false));
        SslBundle fallback = certificates.bundle("mail", "dev.example.test");
        assertThat(certificates.isConfigured("mail")).isFalse();
        assertThat(output).contains("WARN").contains("NO TLS CERTIFICATE CONFIGURED: the SSL bundle 'mail' does not exist")
                .contains("SELF-SIGNED certificate for dev.example.test").contains("mail.tls.require-certificate=true");

        KeyStore store = fallback.getStores().getKeyStore();
        X509Certificate certificate = (X509Certificate) store.getCertificate(store.aliases().nextElement());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=dev.example.test");
        assertThat(certificate.getSubjectAlternativeNames()).extracting(name -> (Object) name.get(1))
                .containsExactly((Object) "dev.example.test", "localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(fallback.getManagers().getKeyManagerFactory().getKeyManagers()).isNotEmpty();
        // one certificate per host name and process: the services of one JVM present the same one
        assertThat(new ServerCertificates(registry, new TlsProperties(false)).bundle("imap", "dev.example.test"))
                .isSameAs(fallback);
    }

    @Test
    void aRequiredCertificateThatIsMissingRefusesWithTheSettingsToSet() {
        ServerCertificates certificates = new ServerCertificates(registry, new TlsProperties(true));
        assertThatThrownBy(() -> certificates.bundle("smtp-cert", "mx.example.test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mail.tls.require-certificate is set, but the SSL bundle 'smtp-cert' is not configured")
                .hasMessageContaining("spring.ssl.bundle.pem.smtp-cert.keystore.certificate");
    }

    @Test
    void theFallbackViewAlwaysHasTheBundleAndLeavesOthersAlone() {
        SslBundle other = SelfSignedCertificate.generate("other.example.test").sslBundle();
        registry.registerBundle("other", other);
        var view = new ServerCertificates(registry, new TlsProperties(false)).withFallback("mail", "view.example.test");
        assertThat(view.getBundle("mail").getStores().getKeyStore()).isNotNull();
        assertThat(view.getBundle("other")).isSameAs(other);
        // a generated certificate never changes: no update handler to register, and no error
        view.addBundleUpdateHandler("mail", bundle -> { });
        assertThat(view.getBundleNames()).isEqualTo(List.of("other"));
    }
}
