package io.mailplatform.server;

import io.mailplatform.certificate.ServerCertificateConfiguration;
import io.mailplatform.server.tls.TlsBundles;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Imported by the SMTP, POP3 and IMAP services: the beans their protocol servers share. */
@Configuration(proxyBeanMethods = false)
@Import({TlsBundles.class, ServerCertificateConfiguration.class})
public class ProtocolServerConfiguration {
}
