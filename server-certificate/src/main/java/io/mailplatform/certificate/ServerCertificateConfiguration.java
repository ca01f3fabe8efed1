package io.mailplatform.certificate;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Imported by every service that serves TLS: the protocol servers and the HTTPS API. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TlsProperties.class)
public class ServerCertificateConfiguration {

    @Bean
    public ServerCertificates serverCertificates(SslBundles bundles, TlsProperties properties) {
        return new ServerCertificates(bundles, properties);
    }
}
