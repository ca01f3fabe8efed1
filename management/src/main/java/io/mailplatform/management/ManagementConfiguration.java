package io.mailplatform.management;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Imported by every service: the actuator's defaults ({@code management.properties} beside this
 * class: its own port, the {@code liveness} and {@code readiness} health groups) and the health
 * checks Spring Boot does not bring. Defaults from a {@code @PropertySource} rank below
 * {@code application.properties}, environment variables and arguments, so each stays overridable.
 * A new endpoint or group member (metrics, another dependency) is added in that one file.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:io/mailplatform/management/management.properties")
@EnableConfigurationProperties(HealthProperties.class)
public class ManagementConfiguration {

    /**
     * For the services that serve no HTTP API of their own (SMTP, delivery, POP3, IMAP): no main
     * web server, only the actuator's on {@code management.server.port}. Named on their application
     * classes, not here, because standalone and the webmail API import this configuration too.
     */
    public static final String WITHOUT_API = "classpath:io/mailplatform/management/without-api.properties";

    /**
     * Readiness with the Kafka check, for the services that cannot work without the broker (SMTP gateway,
     * delivery, standalone). Each application class names this file or {@link #READINESS_WITHOUT_BROKER}:
     * a value in {@code management.properties} would outrank either, being read after them.
     */
    public static final String READINESS_WITH_BROKER = "classpath:io/mailplatform/management/readiness-with-broker.properties";

    /** Readiness without the Kafka check, for the services that serve during a broker outage (IMAP, POP3, webmail API). */
    public static final String READINESS_WITHOUT_BROKER =
            "classpath:io/mailplatform/management/readiness-without-broker.properties";

    @Bean
    public KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, HealthProperties properties) {
        return new KafkaHealthIndicator(kafkaAdmin, properties.kafkaTimeout());
    }
}
