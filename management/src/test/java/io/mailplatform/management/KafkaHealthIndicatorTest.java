package io.mailplatform.management;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.mailplatform.testsupport.TestKafka;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.internals.AdminMetadataManager;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
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

    /**
     * Kafka 4's admin client rebootstraps in a tight loop while no bootstrap server accepts connections, logging
     * every round at INFO (170 lines in these two seconds with its default, about a thousand a second in a
     * running service); the indicator's client must not.
     */
    @Test
    void anOutageDoesNotFloodTheLog() throws Exception {
        Logger metadata = (Logger) LoggerFactory.getLogger(AdminMetadataManager.class);
        Level level = metadata.getLevel();
        AtomicInteger rebootstraps = new AtomicInteger();
        AppenderBase<ILoggingEvent> counter = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getFormattedMessage().contains("Rebootstrapping")) {
                    rebootstraps.incrementAndGet();
                }
            }
        };
        counter.start();
        metadata.setLevel(Level.INFO);
        metadata.addAppender(counter);
        KafkaHealthIndicator indicator = indicator("127.0.0.1:1", Duration.ofMillis(500));
        try {
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < end) {
                assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
            }
            assertThat(rebootstraps.get()).isLessThan(10);
        } finally {
            indicator.destroy();
            metadata.detachAppender(counter);
            metadata.setLevel(level);
        }
    }

    private static KafkaHealthIndicator indicator(String bootstrapServers, Duration timeout) {
        return new KafkaHealthIndicator(new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)),
                timeout);
    }
}
