package io.mailplatform.store.config;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/** Imported by every service: the directory, the mailbox service and mailbox events. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "io.mailplatform.store")
@ConfigurationPropertiesScan(basePackages = "io.mailplatform.store")
public class MailStoreConfiguration {
}
