package io.mailplatform.server.tls;

import io.netty.handler.ssl.SslContext;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * Server TLS for the protocol services from Spring Boot SSL bundles ({@code spring.ssl.bundle.pem.<name>}),
 * falling back to a generated self-signed certificate when the bundle is not configured.
 */
@Component
public class TlsBundles {
    private final SslBundles bundles;

    public TlsBundles(SslBundles bundles) {
        this.bundles = bundles;
    }

    public SslContext serverContext(String bundleName, String hostname) {
        return ServerTls.context(() -> {
            try {
                return bundles.getBundle(bundleName).getManagers().getKeyManagerFactory();
            } catch (NoSuchSslBundleException e) {
                return null;
            }
        }, hostname);
    }
}
