package io.mailplatform.management;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the platform's own health checks ({@code mail.health.*}).
 *
 * @param kafkaTimeout how long the Kafka check waits for the cluster to answer before it reports
 *        DOWN; keep it below the readiness probe's timeout (default 3s)
 */
@ConfigurationProperties("mail.health")
public record HealthProperties(@DefaultValue("3s") Duration kafkaTimeout) {
}
