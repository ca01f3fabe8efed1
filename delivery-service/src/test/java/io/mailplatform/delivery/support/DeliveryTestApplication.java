package io.mailplatform.delivery.support;

import io.mailplatform.delivery.config.DeliveryConfiguration;
import io.mailplatform.management.ManagementConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;

/**
 * The delivery service alone, with a switch that can stop the consumer right after a database commit
 * and a clock the relay tests move forward.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(DeliveryConfiguration.class)
@PropertySource(ManagementConfiguration.READINESS_WITH_BROKER)
public class DeliveryTestApplication {

    /** The relay's clock: retries and the retry period pass without waiting. */
    @Bean
    OffsetClock relayClock() {
        return OffsetClock.system();
    }

    @Bean
    CrashSwitch crashSwitch(org.springframework.kafka.config.KafkaListenerEndpointRegistry registry) {
        return new CrashSwitch(registry);
    }
}
