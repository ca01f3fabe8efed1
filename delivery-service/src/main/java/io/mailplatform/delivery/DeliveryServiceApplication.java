package io.mailplatform.delivery;

import io.mailplatform.delivery.config.DeliveryConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Runs the delivery service alone. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(DeliveryConfiguration.class)
public class DeliveryServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(DeliveryServiceApplication.class, args);
    }
}
