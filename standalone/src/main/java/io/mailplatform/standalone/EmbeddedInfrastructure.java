package io.mailplatform.standalone;

import io.mailplatform.embedded.BoundedStop;
import io.mailplatform.embedded.EmbeddedKafkaBroker;
import io.mailplatform.embedded.EmbeddedPostgresServer;
import io.mailplatform.embedded.SecretFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Locks the data directory ({@link DataDirectoryLock}), starts the embedded PostgreSQL and Kafka
 * broker before the services are created, unless the environment points at external ones, and stops
 * them after the application context has closed, each within a bounded time.
 * Both listen on 127.0.0.1 only and require the password generated in their data directories.
 */
final class EmbeddedInfrastructure implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private DataDirectoryLock lock;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private Duration stopTimeout = Duration.ofSeconds(30);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        StandaloneProperties properties = Binder.get(environment).bindOrCreate("mail.standalone", StandaloneProperties.class);
        Path dataDir = Path.of(properties.dataDir()).toAbsolutePath();
        stopTimeout = properties.stopTimeout();
        // before anything touches the directory: a second instance stops here, with the reason
        lock = DataDirectoryLock.acquire(dataDir);
        Map<String, Object> overrides = new HashMap<>();
        if (!environment.containsProperty("spring.datasource.url")) {
            postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"), properties.postgresPort());
            overrides.put("spring.datasource.url", postgres.jdbcUrl());
            overrides.put("spring.datasource.username", postgres.username());
            overrides.put("spring.datasource.password", postgres.password());
        }
        if (!environment.containsProperty("spring.kafka.bootstrap-servers")) {
            kafka = EmbeddedKafkaBroker.startAuthenticated(dataDir.resolve("kafka"), "127.0.0.1", properties.kafkaPort(),
                    properties.kafkaControllerPort());
            overrides.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            // every client of the platform (producers, consumers, admin) takes spring.kafka.properties.*
            kafka.clientProperties().forEach((key, value) -> overrides.put("spring.kafka.properties." + key, value));
        }
        if (!environment.containsProperty("mail.store.secrets.key")) {
            overrides.put("mail.store.secrets.key", SecretFile.readOrCreate(dataDir.resolve("secrets.key"), 32, Base64.getEncoder()));
        }
        if (!overrides.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("embeddedInfrastructure", overrides));
        }
    }

    /**
     * Stops what was started, each within {@code mail.standalone.stop-timeout}, then gives up the data
     * directory; a second call (the shutdown handler after a failed start) does nothing. A component
     * that did not stop in time keeps the directory locked until the process has exited.
     */
    synchronized void stop() {
        boolean stopped = true;
        if (kafka != null) {
            log.info("stopping the embedded Kafka broker");
            stopped &= BoundedStop.run("the embedded Kafka broker", stopTimeout, kafka::close);
            kafka = null;
        }
        if (postgres != null) {
            log.info("stopping the embedded PostgreSQL");
            stopped &= BoundedStop.run("the embedded PostgreSQL", stopTimeout, postgres::close);
            postgres = null;
        }
        if (lock != null && stopped) {
            lock.close();
        }
        lock = null;
    }
}
