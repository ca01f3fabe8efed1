package io.mailplatform.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.certificate.SelfSignedCertificate;
import io.mailplatform.certificate.ServerCertificates;
import io.mailplatform.certificate.TlsProperties;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;

/** The protocol servers take their certificate from the SSL bundle, and refuse to start without one when told to. */
class TlsBundlesTest {

    @Test
    void theConfiguredBundleMakesTheServerContext() {
        DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
        registry.registerBundle("mail", SelfSignedCertificate.generate("mx.example.test").sslBundle());
        SslContext context = new TlsBundles(new ServerCertificates(registry, new TlsProperties(true)))
                .serverContext("mail", "mx.example.test");
        assertThat(context.isServer()).isTrue();
        assertThat(context.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT).getEnabledProtocols())
                .containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    @Test
    void aMissingBundleStopsTheStartWhenACertificateIsRequired() {
        TlsBundles tls = new TlsBundles(new ServerCertificates(new DefaultSslBundleRegistry(), new TlsProperties(true)));
        assertThatThrownBy(() -> tls.serverContext("mail", "mx.example.test"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SSL bundle 'mail' is not configured");
    }
}
