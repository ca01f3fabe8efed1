package io.mailplatform.delivery.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery service settings ({@code mail.delivery.*}).
 *
 * @param groupId the Kafka consumer group; instances with the same group share the partitions (default "delivery")
 * @param concurrency consumer threads per instance (default 2)
 */
@Validated
@ConfigurationProperties("mail.delivery")
public record DeliveryProperties(
        @DefaultValue("delivery") String groupId,
        @DefaultValue("2") @Min(1) int concurrency) {
}
