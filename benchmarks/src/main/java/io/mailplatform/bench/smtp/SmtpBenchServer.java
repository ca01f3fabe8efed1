package io.mailplatform.bench.smtp;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.embedded.EmbeddedKafkaBroker;
import io.mailplatform.embedded.EmbeddedPostgresServer;
import io.mailplatform.smtp.SmtpGatewayApplication;
import io.mailplatform.store.directory.DirectoryService;
import io.mailplatform.store.directory.DuplicateEntryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The system under test for {@link SmtpLoadDriver}: the SMTP gateway alone (no delivery service
 * competing for the CPU) on a real single-node KRaft broker and a PostgreSQL for the directory,
 * both embedded, with their data in {@code --data-dir}. Creates the domain example.test and the
 * account bench@example.test. Other arguments go to Spring (ports, limits).
 *
 * <pre>
 * java ... io.mailplatform.bench.smtp.SmtpBenchServer --data-dir target/smtp-bench --mail.smtp.mx-port=12525
 * </pre>
 */
public final class SmtpBenchServer {
    private SmtpBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--data-dir") || args[i].startsWith("--kafka-port") || args[i].startsWith("--postgres-port")) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                springArgs.add(args[i]);
            }
        }
        Path dataDir = Path.of(options.getOrDefault("data-dir", "target/smtp-bench"));
        int kafkaPort = Integer.parseInt(options.getOrDefault("kafka-port", "19192"));
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir.resolve("postgres"),
                Integer.parseInt(options.getOrDefault("postgres-port", "15433")));
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), "127.0.0.1", kafkaPort, kafkaPort + 1);
        springArgs.add("--spring.datasource.url=" + postgres.jdbcUrl());
        springArgs.add("--spring.datasource.username=" + postgres.username());
        springArgs.add("--spring.datasource.password=" + postgres.password());
        springArgs.add("--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers());
        springArgs.add("--logging.level.org.apache.kafka=WARN");
        springArgs.add("--logging.level.kafka=WARN");
        springArgs.add("--logging.level.state.change.logger=WARN");
        springArgs.add("--spring.main.web-application-type=none");
        ConfigurableApplicationContext context = SpringApplication.run(SmtpGatewayApplication.class,
                springArgs.toArray(String[]::new));
        DirectoryService directory = context.getBean(DirectoryService.class);
        try {
            directory.createDomain("example.test");
            directory.createAccount("bench@example.test", "bench-secret");
        } catch (DuplicateEntryException | AddressException e) {
            // provisioned by an earlier run on the same data directory
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            kafka.close();
            postgres.close();
        }));
        System.out.println("SMTP bench server ready");
    }
}
