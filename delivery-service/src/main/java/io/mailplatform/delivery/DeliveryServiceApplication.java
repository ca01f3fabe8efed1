package io.mailplatform.delivery;

import io.mailplatform.management.ManagementConfiguration;
import io.mailplatform.delivery.config.DeliveryConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/** Runs the delivery service alone; its only web server is the actuator's, on {@code management.server.port}. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(DeliveryConfiguration.class)
@PropertySource({ManagementConfiguration.WITHOUT_API, ManagementConfiguration.READINESS_WITH_BROKER})
public class DeliveryServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(DeliveryServiceApplication.class, args);
    }
}
