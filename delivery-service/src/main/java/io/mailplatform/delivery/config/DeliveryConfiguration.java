package io.mailplatform.delivery.config;

import io.mailplatform.management.ManagementConfiguration;
import io.mailplatform.store.config.MailStoreConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.EnableKafka;

/** Everything the delivery service needs; imported by its own application and by standalone. */
@Configuration(proxyBeanMethods = false)
@EnableKafka
@ComponentScan(basePackages = "io.mailplatform.delivery",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
@ConfigurationPropertiesScan(basePackages = "io.mailplatform.delivery")
@Import({MailStoreConfiguration.class, ManagementConfiguration.class})
public class DeliveryConfiguration {
}
