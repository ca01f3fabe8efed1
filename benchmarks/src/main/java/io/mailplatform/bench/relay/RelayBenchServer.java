package io.mailplatform.bench.relay;

import io.mailplatform.bench.delivery.GatewayAndDelivery;
import io.mailplatform.delivery.relay.RelayMetrics;
import io.mailplatform.embedded.EmbeddedKafkaBroker;
import io.mailplatform.embedded.EmbeddedPostgresServer;
import io.mailplatform.store.directory.DirectoryService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * The platform as a relay for the side-by-side relay benchmark ({@code benchmarks/relay-side-by-side.sh},
 * README "Relay"): a fresh embedded PostgreSQL and KRaft broker, the SMTP gateway and the delivery
 * service (with its relay) in one JVM. Mail to {@code --alias} (default {@code bench@example.test}) is
 * forwarded to {@code --target} (default {@code sink@remote.test}), whose domain has a static route to
 * {@code --sink-port} on 127.0.0.1, so that an unauthenticated load driver ({@code smtp-source}) makes
 * the relay send. Prints {@code READY} when it takes mail; reads commands on standard input:
 * {@code STATS} prints the relay's counters and the queue size, {@code QUIT} (or end of input) stops.
 * Every other setting may be given as {@code --name value} Spring properties, e.g.
 * {@code --mail.relay.max-connections-per-destination 5}.
 */
public final class RelayBenchServer {
    private RelayBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int port = Integer.parseInt(options.getOrDefault("port", "11027"));
        int sinkPort = Integer.parseInt(options.getOrDefault("sink-port", "11026"));
        int kafkaPort = Integer.parseInt(options.getOrDefault("kafka-port", "11092"));
        String alias = options.getOrDefault("alias", "bench@example.test");
        String target = options.getOrDefault("target", "sink@remote.test");
        Map<String, Object> properties = GatewayAndDelivery.properties(port);
        properties.put("mail.delivery.spf.enabled", false); // Postfix checks no SPF either
        properties.put("mail.relay.routes." + target.substring(target.indexOf('@') + 1), "127.0.0.1:" + sinkPort);
        properties.put("management.server.port", -1);
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.io.mailplatform", "WARN");
        options.forEach((key, value) -> {
            if (key.contains(".")) {
                properties.put(key, value);
            }
        });
        Path work = Files.createTempDirectory("relay-bench");
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(work.resolve("pg"), kafkaPort + 2);
                EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(work.resolve("kafka"), "127.0.0.1", kafkaPort,
                        kafkaPort + 1)) {
            properties.put("spring.datasource.url", postgres.jdbcUrl());
            properties.put("spring.datasource.username", postgres.username());
            properties.put("spring.datasource.password", postgres.password());
            properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GatewayAndDelivery.class)
                    .properties(properties).run()) {
                DirectoryService directory = app.getBean(DirectoryService.class);
                directory.createDomain(alias.substring(alias.indexOf('@') + 1));
                directory.addAlias(alias, target);
                System.out.println("READY");
                serve(app);
            }
        } finally {
            FileSystemUtils.deleteRecursively(work);
        }
        System.exit(0);
    }

    private static void serve(ConfigurableApplicationContext app) throws Exception {
        MeterRegistry registry = app.getBean(MeterRegistry.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.trim().equalsIgnoreCase("QUIT")) {
            if (line.trim().equalsIgnoreCase("STATS")) {
                System.out.printf(Locale.ROOT, "STATS connections=%.0f delivered=%.0f queued=%d%n",
                        registry.get(RelayMetrics.CONNECTIONS).counter().count(),
                        registry.find(RelayMetrics.RECIPIENTS).tag("outcome", "delivered").counter() == null ? 0.0
                                : registry.find(RelayMetrics.RECIPIENTS).tag("outcome", "delivered").counter().count(),
                        jdbc.sql("SELECT count(*) FROM outbound_queue").query(Long.class).single());
            }
        }
    }
}
