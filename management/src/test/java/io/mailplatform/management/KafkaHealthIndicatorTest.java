package io.mailplatform.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.TestKafka;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;

class KafkaHealthIndicatorTest {

    @Test
    void upWithTheClusterOfARunningBroker() throws Exception {
        KafkaHealthIndicator indicator = indicator(TestKafka.bootstrapServers(), Duration.ofSeconds(10));
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("nodes", 1).containsKey("clusterId");
            assertThat(indicator.health().getStatus()).as("the client is reused").isEqualTo(Status.UP);
        } finally {
            indicator.destroy();
        }
    }

    @Test
    void downWithinTheTimeoutWhenNoBrokerAnswers() throws Exception {
        KafkaHealthIndicator indicator = indicator("127.0.0.1:1", Duration.ofMillis(500));
        try {
            Health health = indicator.health();

            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsKey("error");
        } finally {
            indicator.destroy();
        }
    }

    private static KafkaHealthIndicator indicator(String bootstrapServers, Duration timeout) {
        return new KafkaHealthIndicator(new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)),
                timeout);
    }
}
