package io.mailplatform.delivery.config;

import io.mailplatform.delivery.relay.smtp.SmtpClient;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The relay's SMTP client, built from {@link RelayClientProperties}. */
@Configuration(proxyBeanMethods = false)
public class RelayClientConfiguration {

    /**
     * Named after {@code mail.relay.client.helo-name}, else {@code mail.delivery.hostname}; trusts the
     * authorities of the SSL bundle {@code mail.relay.client.tls.trust-bundle}, else the JDK's.
     */
    @Bean(destroyMethod = "close")
    public SmtpClient relaySmtpClient(RelayClientProperties properties, DeliveryProperties delivery,
            ObjectProvider<SslBundles> bundles) {
        String heloName = properties.heloName() == null || properties.heloName().isBlank() ? delivery.hostname()
                : properties.heloName();
        return new SmtpClient(properties, heloName, trust(properties, bundles));
    }

    /** The authorities of {@code mail.relay.client.tls.trust-bundle}, or null for the JDK's. */
    static TrustManagerFactory trust(RelayClientProperties properties, ObjectProvider<SslBundles> bundles) {
        String trustBundle = properties.tls().trustBundle();
        return trustBundle == null || trustBundle.isBlank() ? null
                : bundles.getObject().getBundle(trustBundle).getManagers().getTrustManagerFactory();
    }
}
