package io.mailplatform.pop3.config;

import io.mailplatform.management.ManagementConfiguration;
import io.mailplatform.server.ProtocolServerConfiguration;
import io.mailplatform.store.config.MailStoreConfiguration;
import io.mailplatform.store.mailbox.MaildropLock;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Everything the POP3 service needs; imported by its own application and by standalone. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "io.mailplatform.pop3",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
@ConfigurationPropertiesScan(basePackages = "io.mailplatform.pop3")
@Import({MailStoreConfiguration.class, ProtocolServerConfiguration.class, ManagementConfiguration.class})
public class Pop3Configuration {

    /** This instance's maildrop locks; closing it (at shutdown) releases the ones still held. */
    @Bean(destroyMethod = "close")
    public MaildropLock maildropLock(JdbcClient jdbc, Pop3Properties properties) {
        return new MaildropLock(jdbc, properties.maildropLock().lease(), properties.maildropLock().heartbeat());
    }
}
