package io.mailplatform.server;

import io.mailplatform.certificate.ServerCertificateConfiguration;
import io.mailplatform.server.lifecycle.ListenersHealthIndicator;
import io.mailplatform.server.lifecycle.ProtocolServerLifecycle;
import io.mailplatform.server.tls.TlsBundles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Imported by the SMTP, POP3 and IMAP services: the beans their protocol servers share. */
@Configuration(proxyBeanMethods = false)
@Import({TlsBundles.class, ServerCertificateConfiguration.class})
public class ProtocolServerConfiguration {

    /** The health contributor {@code listeners} (one for all protocol servers of the process). */
    @Bean
    public ListenersHealthIndicator listenersHealthIndicator(ObjectProvider<ProtocolServerLifecycle> servers) {
        return new ListenersHealthIndicator(servers);
    }
}
