package io.mailplatform.server.tls;

import io.netty.handler.ssl.SslContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS context of a protocol service: the configured certificate, or, when there is none, a
 * self-signed one generated for development (with a warning, since clients will not trust it).
 */
public final class ServerTls {
    private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

    private ServerTls() {
    }

    /**
     * @param configured supplies the key managers of the configured certificate, or null when none is configured
     * @param hostname the name for a generated certificate
     */
    public static SslContext context(Supplier<KeyManagerFactory> configured, String hostname) {
        KeyManagerFactory keyManagers = configured.get();
        if (keyManagers == null) {
            keyManagers = GENERATED.computeIfAbsent(hostname, name -> {
                log.warn("no TLS certificate configured: using a self-signed certificate for {} (development only)", name);
                return SelfSignedCertificate.generate(name).keyManagerFactory();
            });
        }
        return TlsContexts.server(keyManagers);
    }

    /** One generated certificate per host name and process, shared by the services of a standalone JVM. */
    private static final Map<String, KeyManagerFactory> GENERATED = new ConcurrentHashMap<>();
}
