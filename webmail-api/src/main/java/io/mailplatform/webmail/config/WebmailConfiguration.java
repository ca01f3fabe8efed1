package io.mailplatform.webmail.config;

import io.mailplatform.management.ManagementConfiguration;
import io.mailplatform.certificate.ServerCertificateConfiguration;
import io.mailplatform.store.config.MailStoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

/** Everything the webmail and admin API needs; imported by its own application and by standalone. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "io.mailplatform.webmail",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
@ConfigurationPropertiesScan(basePackages = "io.mailplatform.webmail")
@Import({MailStoreConfiguration.class, ServerCertificateConfiguration.class, ManagementConfiguration.class})
public class WebmailConfiguration {
}
