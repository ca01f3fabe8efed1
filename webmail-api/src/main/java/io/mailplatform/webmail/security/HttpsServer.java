package io.mailplatform.webmail.security;

import io.mailplatform.certificate.ServerCertificates;
import io.mailplatform.webmail.config.HttpProperties;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Serves the API over HTTPS with the certificate of the SSL bundle {@code mail.http.tls-bundle}
 * (by default {@code mail}, the one of the mail protocols), or a generated self-signed one
 * ({@link ServerCertificates}). Plain HTTP only when {@code mail.http.plain} is set; explicit
 * {@code server.ssl.*} settings (e.g. {@code server.ssl.enabled=false}) are Spring Boot's and win.
 */
@Component
public class HttpsServer implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {
    private final HttpProperties properties;
    private final ServerProperties server;
    private final ServerCertificates certificates;

    public HttpsServer(HttpProperties properties, ServerProperties server, ServerCertificates certificates) {
        this.properties = properties;
        this.server = server;
        this.certificates = certificates;
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        if (properties.plain() || server.getSsl() != null) {
            return;
        }
        factory.setSsl(Ssl.forBundle(properties.tlsBundle()));
        // resolved here, when the server is made: a required but missing certificate stops the start
        certificates.bundle(properties.tlsBundle(), properties.hostname());
        factory.setSslBundles(certificates.withFallback(properties.tlsBundle(), properties.hostname()));
    }

    /** After Spring Boot's own customizer (order 0), which applies {@code server.*}. */
    @Override
    public int getOrder() {
        return 1;
    }
}
