package io.mailplatform.server.tls;

import io.mailplatform.certificate.ServerCertificates;
import io.netty.handler.ssl.SslContext;
import org.springframework.stereotype.Component;

/**
 * Server TLS for the protocol services from Spring Boot SSL bundles ({@code spring.ssl.bundle.pem.<name>}),
 * falling back to a generated self-signed certificate when the bundle is not configured, unless
 * {@code mail.tls.require-certificate} forbids it ({@link ServerCertificates}).
 */
@Component
public class TlsBundles {
    private final ServerCertificates certificates;

    public TlsBundles(ServerCertificates certificates) {
        this.certificates = certificates;
    }

    /** @throws IllegalStateException when the bundle is missing and a certificate is required */
    public SslContext serverContext(String bundleName, String hostname) {
        return TlsContexts.server(certificates.bundle(bundleName, hostname).getManagers().getKeyManagerFactory());
    }
}
