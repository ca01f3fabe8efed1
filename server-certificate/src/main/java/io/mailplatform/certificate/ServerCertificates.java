package io.mailplatform.certificate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The certificate a server presents, for the mail protocols and HTTPS alike: the Spring SSL bundle
 * the service is configured with ({@code spring.ssl.bundle.pem.<name>}), or, when that bundle does
 * not exist, a self-signed certificate generated for development, announced by a loud warning; or
 * a refusal to start when {@code mail.tls.require-certificate} is set.
 */
public class ServerCertificates {
    private static final Logger log = LoggerFactory.getLogger(ServerCertificates.class);
    /** One generated certificate per host name and process, shared by the services of a standalone JVM. */
    private static final Map<String, SslBundle> GENERATED = new ConcurrentHashMap<>();

    private final SslBundles bundles;
    private final TlsProperties properties;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    public ServerCertificates(SslBundles bundles, TlsProperties properties) {
        this.bundles = bundles;
        this.properties = properties;
    }

    /**
     * @param bundleName the SSL bundle the service is configured with
     * @param hostname the name a generated certificate is made for
     * @throws IllegalStateException when the bundle does not exist and a certificate is required
     */
    public SslBundle bundle(String bundleName, String hostname) {
        try {
            return bundles.getBundle(bundleName);
        } catch (NoSuchSslBundleException e) {
            return fallback(bundleName, hostname);
        }
    }

    /** Whether the bundle exists, i.e. whether {@link #bundle} presents a configured certificate. */
    public boolean isConfigured(String bundleName) {
        return bundles.getBundleNames().contains(bundleName);
    }

    /**
     * The SSL bundles of the application, in which {@code bundleName} always exists: the configured
     * one, or the fallback of {@link #bundle}. For servers that look their bundle up by name (the
     * servlet container); a fallback never changes, so update handlers are only kept for configured ones.
     */
    public SslBundles withFallback(String bundleName, String hostname) {
        return new SslBundles() {
            @Override
            public SslBundle getBundle(String name) {
                return name.equals(bundleName) ? bundle(bundleName, hostname) : bundles.getBundle(name);
            }

            @Override
            public void addBundleUpdateHandler(String name, Consumer<SslBundle> handler) {
                if (!name.equals(bundleName) || isConfigured(bundleName)) {
                    bundles.addBundleUpdateHandler(name, handler);
                }
            }

            @Override
            public void addBundleRegisterHandler(BiConsumer<String, SslBundle> handler) {
                bundles.addBundleRegisterHandler(handler);
            }

            @Override
            public List<String> getBundleNames() {
                return bundles.getBundleNames();
            }
        };
    }

    private SslBundle fallback(String bundleName, String hostname) {
        if (properties.requireCertificate()) {
            throw new IllegalStateException("mail.tls.require-certificate is set, but the SSL bundle '" + bundleName
                    + "' is not configured: set spring.ssl.bundle.pem." + bundleName + ".keystore.certificate and "
                    + "spring.ssl.bundle.pem." + bundleName + ".keystore.private-key to the PEM files of the certificate");
        }
        if (announced.add(bundleName + '\n' + hostname)) {
            log.warn("""

                    ******************************************************************************
                      NO TLS CERTIFICATE CONFIGURED: the SSL bundle '{}' does not exist, so a
                      SELF-SIGNED certificate for {} is used. Clients will warn or refuse
                      to connect, and cannot tell this server from an impostor.
                      For development only. In production set spring.ssl.bundle.pem.{}.keystore.*
                      to your certificate, and mail.tls.require-certificate=true so that a
                      missing certificate stops the start instead.
                    ******************************************************************************
                    """, bundleName, hostname, bundleName);
        }
        return GENERATED.computeIfAbsent(hostname, name -> SelfSignedCertificate.generate(name).sslBundle());
    }
}
