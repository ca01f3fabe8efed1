package io.mailplatform.delivery.support;

import io.mailplatform.delivery.config.DeliveryConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The delivery service alone, with a switch that can stop the consumer right after a database commit. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(DeliveryConfiguration.class)
public class DeliveryTestApplication {

    @Bean
    CrashSwitch crashSwitch(org.springframework.kafka.config.KafkaListenerEndpointRegistry registry) {
        return new CrashSwitch(registry);
    }
}
