package io.mailplatform.standalone;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Standalone settings ({@code mail.standalone.*}).
 *
 * @param dataDir where the embedded PostgreSQL and Kafka keep their data, so mail survives a restart (default "data")
 * @param postgresPort port of the embedded PostgreSQL, started unless {@code spring.datasource.url} is set (default 5433)
 * @param kafkaPort port of the embedded Kafka broker, started unless {@code spring.kafka.bootstrap-servers} is set (default 9192)
 * @param kafkaControllerPort port of the embedded broker's KRaft controller (default 9193)
 * @param domain a first local domain to create at start if it does not exist, or empty
 * @param account a first account (full address) to create at start if it does not exist, or empty
 * @param password the first account's password
 * @param stopTimeout the longest wait at shutdown for each of the embedded broker and PostgreSQL to stop,
 *        after the services have stopped; one that takes longer is left to end with the process (default 30s)
 */
@ConfigurationProperties("mail.standalone")
public record StandaloneProperties(
        @DefaultValue("data") String dataDir,
        @DefaultValue("5433") int postgresPort,
        @DefaultValue("9192") int kafkaPort,
        @DefaultValue("9193") int kafkaControllerPort,
        String domain,
        String account,
        String password,
        @DefaultValue("30s") Duration stopTimeout) {

    @Override
    public String toString() {
        return "StandaloneProperties[dataDir=" + dataDir + ", domain=" + domain + ", account=" + account + "]";
    }
}
