package io.mailplatform.management;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.MetadataRecoveryStrategy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Whether the Kafka cluster answers: one describe-cluster round trip, bounded by
 * {@code mail.health.kafka-timeout}. It connects with the settings of the platform's topic admin
 * ({@code spring.kafka.*}, SASL and TLS included), through one admin client kept for the life of the
 * service so that a probe every few seconds opens no new connections. Failures are reported, not
 * logged: during an outage the Kafka clients already say so, and probes would repeat it every few seconds.
 *
 * <p>The client does not rebootstrap ({@code metadata.recovery.strategy=none}, unless configured): Kafka 4's
 * admin client, with no broker reachable, rebootstraps in a tight loop and logs each round at INFO, about a
 * thousand lines a second for as long as the outage lasts. Without it the client retries its known brokers
 * with the reconnect backoff; their host names are resolved again at each attempt.
 */
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {
    private final KafkaAdmin admin;
    private final Duration timeout;
    private Admin client;

    public KafkaHealthIndicator(KafkaAdmin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        try {
            DescribeClusterResult cluster = client()
                    .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "no answer within " + timeout.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("error", String.valueOf(e.getCause())).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
    }

    private synchronized Admin client() {
        if (client == null) {
            Map<String, Object> config = new HashMap<>(admin.getConfigurationProperties());
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "mail-health");
            config.putIfAbsent(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG, MetadataRecoveryStrategy.NONE.name);
            config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
            client = Admin.create(config);
        }
        return client;
    }

    @Override
    public synchronized void destroy() {
        if (client != null) {
            client.close(Duration.ofSeconds(1));
            client = null;
        }
    }
}
