package io.mailplatform.imap.config;

import io.mailplatform.management.ManagementConfiguration;
import io.mailplatform.server.ProtocolServerConfiguration;
import io.mailplatform.store.config.MailStoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/** Everything the IMAP service needs; imported by its own application and by standalone. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "io.mailplatform.imap",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
@ConfigurationPropertiesScan(basePackages = "io.mailplatform.imap")
@Import({MailStoreConfiguration.class, ProtocolServerConfiguration.class, ManagementConfiguration.class})
public class ImapConfiguration {
}
